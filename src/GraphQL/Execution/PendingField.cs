using System.Buffers;
using Marketplace.GraphQL.Types;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// A field waiting to be resolved: what it resolves against and the slot its value goes to. A
/// value type, so queuing a field allocates nothing; a resolve context is built only for fields
/// with their own resolver.
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

/// <summary>FIFO of pending fields in a pooled ring buffer: steady-state requests allocate no queue storage.</summary>
internal sealed class PendingFieldQueue
{
    private PendingField[] _items = [];
    private int _head;

    public int Count { get; private set; }

    public void Enqueue(in PendingField field)
    {
        if (Count == _items.Length) Grow();
        var tail = _head + Count;
        if (tail >= _items.Length) tail -= _items.Length;
        _items[tail] = field;
        Count++;
    }

    public bool TryDequeue(out PendingField field)
    {
        if (Count == 0)
        {
            field = default;
            return false;
        }

        field = _items[_head];
        _items[_head] = default; // the pooled array must not keep response objects alive
        if (++_head == _items.Length) _head = 0;
        Count--;
        return true;
    }

    /// <summary>Gives the storage back to the pool; call once the operation no longer runs.</summary>
    public void Release()
    {
        if (_items.Length == 0) return;
        ArrayPool<PendingField>.Shared.Return(_items, clearArray: Count > 0);
        _items = [];
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var larger = ArrayPool<PendingField>.Shared.Rent(Math.Max(64, _items.Length * 2));
        for (var i = 0; i < Count; i++)
        {
            var from = _head + i;
            if (from >= _items.Length) from -= _items.Length;
            larger[i] = _items[from];
        }

        if (_items.Length > 0) ArrayPool<PendingField>.Shared.Return(_items, clearArray: true);
        _items = larger;
        _head = 0;
    }
}
