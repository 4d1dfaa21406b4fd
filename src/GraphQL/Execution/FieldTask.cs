using Marketplace.GraphQL.DataLoader;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// The resolver's context for a field with its own resolver (default-resolved fields need none);
/// also carries an async resolver's outcome back to the executor loop.
/// </summary>
internal sealed class FieldTask : IResolveContext
{
    private static readonly IReadOnlyDictionary<string, object?> NoArguments = new Dictionary<string, object?>();
    private readonly OperationExecution _execution;

    public FieldTask(OperationExecution execution, in PendingField field)
    {
        _execution = execution;
        Pending = field;
    }

    public PendingField Pending { get; }
    public CollectedField Collected => Pending.Collected;
    public ResultNode ParentNode => Pending.ParentNode;
    public object? Result { get; set; }
    public Exception? Error { get; set; }

    public object? Source => Pending.Source;
    public Schema Schema => _execution.Schema;
    public ObjectType ParentType => Pending.ParentType;
    public FieldDefinition Field => Collected.Definition!;
    public FieldNode FieldNode => Collected.First;
    public IReadOnlyList<FieldNode> FieldNodes => Collected.Nodes;
    public OperationDefinitionNode Operation => _execution.Operation;
    public IReadOnlyDictionary<string, object?> Arguments { get; set; } = NoArguments;
    public IReadOnlyDictionary<string, object?> Variables => _execution.Variables;
    public IReadOnlyList<object> Path => ResultNode.PathOf(ParentNode, Pending.Index);
    public object? UserContext => _execution.Request.Context;
    public IServiceProvider? RequestServices => _execution.Request.RequestServices;
    public CancellationToken CancellationToken => _execution.CancellationToken;
    public IDictionary<string, object?> RequestItems => _execution.RequestItems;

    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    public T? GetArgument<T>(string name, T? fallback = default)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null) return fallback;
        return ArgumentConversion.To<T>(value, name);
    }

    public DataLoader<TKey, TValue> GetDataLoader<TKey, TValue>(string name, BatchLoadFunction<TKey, TValue> batch) where TKey : notnull =>
        _execution.Loaders.GetOrCreate(name, batch);
}

/// <summary>Converts coerced argument values to the CLR type a resolver asks for.</summary>
internal static class ArgumentConversion
{
    public static T? To<T>(object value, string name)
    {
        if (value is T typed) return typed;
        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        try
        {
            if (target.IsEnum)
            {
                if (value is string s)
                {
                    var compact = s.Replace("_", "", StringComparison.Ordinal);
                    return (T)Enum.Parse(target, compact, ignoreCase: true);
                }

                return (T)Enum.ToObject(target, value);
            }

            if (value is IConvertible && typeof(IConvertible).IsAssignableFrom(target))
                return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            throw new InvalidCastException($"Argument \"{name}\" of value {ValueCoercion.Show(value)} cannot be converted to {typeof(T).Name}.", ex);
        }

        throw new InvalidCastException($"Argument \"{name}\" is a {value.GetType().Name}, not a {typeof(T).Name}.");
    }
}
