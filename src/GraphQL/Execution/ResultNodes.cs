using System.Collections;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// A composite value in the response under construction. Knows its slot in the parent so a
/// non-null violation can null out the nearest nullable ancestor (spec 6.4.4), and so response
/// paths can be built from the tree when an error or a resolver asks for one (never stored).
/// </summary>
public abstract class ResultNode
{
    internal ResultNode? Parent { get; private set; }
    internal int ParentIndex { get; private set; }
    /// <summary>Whether the slot holding this node may be null.</summary>
    internal bool NullableSlot { get; private set; }
    internal bool Discarded { get; set; }

    internal void Attach(ResultNode parent, int index, bool nullable)
    {
        Parent = parent;
        ParentIndex = index;
        NullableSlot = nullable;
    }

    internal abstract void Set(int index, object? value);

    /// <summary>The path segment of a slot: its response key, or its list index.</summary>
    internal abstract object KeyOf(int index);

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

    /// <summary>Response path (keys and list indexes) of slot <paramref name="index"/> of <paramref name="node"/>.</summary>
    internal static IReadOnlyList<object> PathOf(ResultNode node, int index)
    {
        var depth = 1;
        for (var n = node; n.Parent is not null; n = n.Parent) depth++;
        var path = new object[depth];
        path[--depth] = node.KeyOf(index);
        for (var n = node; n.Parent is not null; n = n.Parent) path[--depth] = n.Parent.KeyOf(n.ParentIndex);
        return path;
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
    internal override object KeyOf(int index) => index;
    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_items).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}
