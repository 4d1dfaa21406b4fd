using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>Short forms for binding resolvers to SDL fields.</summary>
internal static class SchemaBinding
{
    public static SchemaBuilder Field(this SchemaBuilder builder, string type, string field, Func<IResolveContext, Task<object?>> resolve) =>
        builder.Resolve(type, field, context => new ValueTask<object?>(resolve(context)));

    public static SchemaBuilder Field(this SchemaBuilder builder, string type, string field, Func<IResolveContext, object?> resolve) =>
        builder.Resolve(type, field, resolve);

    public static T SourceAs<T>(this IResolveContext context) =>
        context.Source is T value ? value : throw new InvalidOperationException($"Expected a {typeof(T).Name} as the source of {context.ParentType.Name}.{context.Field.Name}.");

    /// <summary>An input object argument (coerced to a dictionary by the engine).</summary>
    public static IReadOnlyDictionary<string, object?> Input(this IResolveContext context, string name = "input") =>
        context.Arguments.TryGetValue(name, out var value) && value is IReadOnlyDictionary<string, object?> map
            ? map
            : new Dictionary<string, object?>();

    /// <summary>
    /// An input object argument bound to a record once: each constructor parameter reads the input field of the
    /// same name (camelCase); absent fields take the parameter's default. Nested input objects bind the same way.
    /// </summary>
    public static T Input<T>(this IResolveContext context, string name = "input") where T : class =>
        (T)Bind(context.Input(name), typeof(T));

    private static object Bind(IReadOnlyDictionary<string, object?> input, Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            var field = char.ToLowerInvariant(parameter.Name![0]) + parameter.Name[1..];
            if (!input.TryGetValue(field, out var value) || value is null)
                return parameter.HasDefaultValue ? parameter.DefaultValue
                    : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;
            return value is IReadOnlyDictionary<string, object?> nested && !typeof(System.Collections.IDictionary).IsAssignableFrom(parameter.ParameterType)
                ? Bind(nested, Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType)
                : Convert(value, parameter.ParameterType);
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    public static T? Get<T>(this IReadOnlyDictionary<string, object?> input, string name, T? fallback = default) =>
        input.TryGetValue(name, out var value) && value is not null ? (T)Convert(value, typeof(T)) : fallback;

    private static object Convert(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value)) return value;
        if (target == typeof(int)) return System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (target == typeof(decimal)) return System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
        if (target == typeof(string)) return System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;
        if (target == typeof(IReadOnlyList<string>) && value is System.Collections.IEnumerable strings)
            return strings.Cast<object?>().Select(v => System.Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!).ToArray();
        if (target == typeof(IReadOnlyList<decimal>) && value is System.Collections.IEnumerable decimals)
            return decimals.Cast<object?>().Select(v => System.Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        if (target.IsGenericType && target.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && value is System.Collections.IEnumerable items)
        {
            var element = target.GetGenericArguments()[0];
            var list = items.Cast<object?>().Select(v => Convert(v!, element)).ToArray();
            var array = Array.CreateInstance(element, list.Length);
            for (var i = 0; i < list.Length; i++) array.SetValue(list[i], i);
            return array;
        }
        return System.Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }
}
