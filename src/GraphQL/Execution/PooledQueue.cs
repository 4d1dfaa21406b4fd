using System.Buffers;

namespace Marketplace.GraphQL.Execution;

/// <summary>FIFO in a pooled ring buffer: steady-state requests allocate no queue storage.</summary>
internal sealed class PooledQueue<T>
{
    private T[] _items = [];
    private int _head;

    public int Count { get; private set; }

    public void Enqueue(in T item)
    {
        if (Count == _items.Length) Grow();
        var tail = _head + Count;
        if (tail >= _items.Length) tail -= _items.Length;
        _items[tail] = item;
        Count++;
    }

    public bool TryDequeue(out T item)
    {
        if (Count == 0)
        {
            item = default!;
            return false;
        }

        item = _items[_head];
        _items[_head] = default!; // the pooled array must not keep response objects alive
        if (++_head == _items.Length) _head = 0;
        Count--;
        return true;
    }

    /// <summary>Gives the storage back to the pool; call once the queue is no longer used.</summary>
    public void Release()
    {
        if (_items.Length == 0) return;
        ArrayPool<T>.Shared.Return(_items, clearArray: Count > 0);
        _items = [];
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var larger = ArrayPool<T>.Shared.Rent(Math.Max(32, _items.Length * 2));
        for (var i = 0; i < Count; i++)
        {
            var from = _head + i;
            if (from >= _items.Length) from -= _items.Length;
            larger[i] = _items[from];
        }

        if (_items.Length > 0) ArrayPool<T>.Shared.Return(_items, clearArray: true);
        _items = larger;
        _head = 0;
    }
}
