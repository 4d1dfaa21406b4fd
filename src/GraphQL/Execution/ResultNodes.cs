using System.Collections;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// A composite value in the response under construction. Knows its slot in the parent so a
/// non-null violation can null out the nearest nullable ancestor (spec 6.4.4).
/// </summary>
public abstract class ResultNode
{
    internal ResultNode? Parent { get; private set; }
    internal int ParentIndex { get; private set; }
    /// <summary>Whether the slot holding this node may be null.</summary>
    internal bool NullableSlot { get; private set; }
    internal PathSegment? Path { get; private set; }
    internal bool Discarded { get; set; }

    internal void Attach(ResultNode? parent, int index, bool nullable, PathSegment? path)
    {
        Parent = parent;
        ParentIndex = index;
        NullableSlot = nullable;
        Path = path;
    }

    internal abstract void Set(int index, object? value);

    /// <summary>True when this node or an ancestor was replaced by null.</summary>
    internal bool IsDiscarded
    {
        get
        {
            for (var node = this; node is not null; node = node.Parent)
                if (node.Discarded) return true;
            return false;
        }
    }
}

/// <summary>A response list.</summary>
public sealed class ResultList : ResultNode, IReadOnlyList<object?>
{
    private readonly object?[] _items;

    internal ResultList(int count) => _items = new object?[count];

    public int Count => _items.Length;
    public object? this[int index] => _items[index];
    internal override void Set(int index, object? value) => _items[index] = value;
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

/// <summary>Immutable linked path (response keys and list indexes), materialized only when needed.</summary>
public sealed class PathSegment
{
    public PathSegment(PathSegment? parent, object key)
    {
        Parent = parent;
        Key = key;
        Depth = (parent?.Depth ?? 0) + 1;
    }

    public PathSegment? Parent { get; }
    /// <summary>A string (response key) or an int (list index).</summary>
    public object Key { get; }
    public int Depth { get; }

    public IReadOnlyList<object> ToList()
    {
        var list = new object[Depth];
        var i = Depth - 1;
        for (var s = this; s is not null; s = s.Parent) list[i--] = s.Key;
        return list;
    }

    public static IReadOnlyList<object> ToList(PathSegment? path) => path?.ToList() ?? [];
}
