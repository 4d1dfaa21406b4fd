namespace Marketplace.Grains.OrderLists;

/// <summary>
/// Order keys in ascending order (lists read them backwards). New orders nearly always arrive newest, so an
/// insert is usually an append; a bulk load appends unsorted and sorts once, on first use.
/// </summary>
internal sealed class SortedOrderKeys
{
    private readonly List<OrderListKey> _keys = [];
    private bool _unsorted;

    public int Count => _keys.Count;

    public OrderListKey this[int index]
    {
        get
        {
            EnsureSorted();
            return _keys[index];
        }
    }

    public void Append(OrderListKey key)
    {
        if (_keys.Count > 0 && _keys[^1].CompareTo(key) > 0) _unsorted = true;
        _keys.Add(key);
    }

    public void Insert(OrderListKey key)
    {
        EnsureSorted();
        if (_keys.Count == 0 || _keys[^1].CompareTo(key) < 0) { _keys.Add(key); return; }
        var at = _keys.BinarySearch(key);
        if (at < 0) _keys.Insert(~at, key);
    }

    public void Remove(OrderListKey key)
    {
        EnsureSorted();
        var at = _keys.BinarySearch(key);
        if (at >= 0) _keys.RemoveAt(at);
    }

    /// <summary>Index of the newest key older than <paramref name="cursor"/> (a position, not necessarily a key still present); -1 when none.</summary>
    public int LastBefore(OrderListKey cursor)
    {
        EnsureSorted();
        var at = _keys.BinarySearch(cursor);
        return (at >= 0 ? at : ~at) - 1;
    }

    private void EnsureSorted()
    {
        if (!_unsorted) return;
        _keys.Sort();
        // A bulk load may repeat nothing (one key per order), so sorting is all it takes.
        _unsorted = false;
    }
}
