using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// One field about to be resolved: what it resolves against and the slot its value goes to. A
/// value type passed by reference; a resolve context is built only for fields with their own resolver.
/// </summary>
internal readonly struct PendingField(CollectedField collected, ObjectType parentType, object? source, ResultNode parentNode, int index)
{
    public CollectedField Collected { get; } = collected;
    public ObjectType ParentType { get; } = parentType;
    public object? Source { get; } = source;
    public ResultNode ParentNode { get; } = parentNode;
    public int Index { get; } = index;
    public FieldDefinition Field => Collected.Definition!;
}

/// <summary>
/// Fields <see cref="From"/> to <see cref="To"/> (exclusive) of a result object, waiting to be
/// started in order. One queue entry per object rather than per field: fields of an object were
/// always queued together, so the order is the same and the queue does a fraction of the work.
/// </summary>
internal readonly struct PendingFields(ResultMap target, ObjectType type, object? source, int from, int to)
{
    public ResultMap Target { get; } = target;
    public ObjectType Type { get; } = type;
    public object? Source { get; } = source;
    public int From { get; } = from;
    public int To { get; } = to;
}
