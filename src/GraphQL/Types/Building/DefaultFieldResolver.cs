using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Marketplace.GraphQL.Execution;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// Resolver for fields without one: reads a dictionary entry or a public property/field
/// (case-insensitive) of the parent value. Compiled getters are cached per field and CLR type.
/// </summary>
internal static class DefaultFieldResolver
{
    public static Func<IResolveContext, ValueTask<object?>> Create(string fieldName)
    {
        var getters = new ConcurrentDictionary<Type, Func<object, object?>>();
        return context =>
        {
            var source = context.Source;
            switch (source)
            {
                case null: return new ValueTask<object?>((object?)null);
                case IReadOnlyDictionary<string, object?> map: return new ValueTask<object?>(map.GetValueOrDefault(fieldName));
                case IDictionary<string, object?> dictionary: return new ValueTask<object?>(dictionary.TryGetValue(fieldName, out var v) ? v : null);
                case IDictionary legacy: return new ValueTask<object?>(legacy.Contains(fieldName) ? legacy[fieldName] : null);
            }

            var getter = getters.GetOrAdd(source.GetType(), static (type, name) => CompileGetter(type, name), fieldName);
            return new ValueTask<object?>(getter(source));
        };
    }

    private static Func<object, object?> CompileGetter(Type type, string name)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
        MemberInfo? member = type.GetProperty(name, flags) as MemberInfo ?? type.GetField(name, flags);
        if (member is null) return static _ => null;
        var parameter = Expression.Parameter(typeof(object), "source");
        var typed = Expression.Convert(parameter, type);
        Expression access = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
        var body = Expression.Convert(access, typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parameter).Compile();
    }
}
