using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Marketplace.GraphQL.Execution;

namespace Marketplace.GraphQL.Types;

/// <summary>
/// Resolver for fields without one: reads a dictionary entry or a public property/field
/// (case-insensitive) of the parent value. Getters are built once per field and CLR type. It only
/// looks at the parent value, so the executor calls <see cref="Read"/> without building a context.
/// </summary>
internal sealed class DefaultFieldResolver
{
    private readonly string _fieldName;
    private readonly ConcurrentDictionary<Type, Func<object, object?>> _getters = new();
    // Most fields only ever see one CLR type: remember the first one to skip the dictionary lookup.
    private TypeGetter? _first;

    public DefaultFieldResolver(string fieldName) => _fieldName = fieldName;

    public ValueTask<object?> Resolve(IResolveContext context) => new(Read(context.Source));

    public object? Read(object? source)
    {
        if (source is null) return null;
        var type = source.GetType();
        var first = _first;
        if (first is not null && ReferenceEquals(first.Type, type)) return first.Get(source);
        var getter = _getters.GetOrAdd(type, static (t, name) => CreateGetter(t, name), _fieldName);
        _first ??= new TypeGetter(type, getter);
        return getter(source);
    }

    private sealed record TypeGetter(Type Type, Func<object, object?> Get);

    private static Func<object, object?> CreateGetter(Type type, string name)
    {
        if (typeof(IReadOnlyDictionary<string, object?>).IsAssignableFrom(type))
            return source => ((IReadOnlyDictionary<string, object?>)source).GetValueOrDefault(name);
        if (typeof(IDictionary<string, object?>).IsAssignableFrom(type))
            return source => ((IDictionary<string, object?>)source).TryGetValue(name, out var value) ? value : null;
        if (typeof(IDictionary).IsAssignableFrom(type))
            return source => ((IDictionary)source).Contains(name) ? ((IDictionary)source)[name] : null;
        return CompileGetter(type, name);
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
