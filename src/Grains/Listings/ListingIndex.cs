using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>
/// The listings of one scope (a category with its sub-categories, or all when the scope is null) held in
/// memory, one sorted list per <see cref="ListingOrder"/>, answering queries exactly as the SQL store does:
/// same order (key, then item id in the same direction), same keyset cursors, same total count.
/// Writes follow the store's version rules (older or equal versions are ignored; a removal leaves a
/// tombstone version). Writes only mark rows as unsorted; the next query places them, by a full sort
/// when many changed (a bulk load) or by binary-search moves when few did. Not thread-safe: one owner (a grain).
/// </summary>
internal sealed partial class ListingIndex
{
    private static readonly ListingOrder[] Orders = Enum.GetValues<ListingOrder>();
    private static readonly EntryComparer[] Comparers = Orders.Select(o => new EntryComparer(ListingRow.Ascending(o))).ToArray();

    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndexedListing> _live = new(StringComparer.Ordinal);
    // Rows changed since the lists were last sorted, with the row the lists still hold for them (null: none).
    private readonly Dictionary<string, IndexedListing?> _unsorted = new(StringComparer.Ordinal);
    private readonly List<Entry>[] _sorted = Orders.Select(_ => new List<Entry>()).ToArray();
    private readonly int[] _countByStatus = new int[Enum.GetValues<ItemStatus>().Max(s => (int)s) + 1];

    public ListingIndex(string? scope) => Scope = scope;

    /// <summary>The category every indexed row is in; null for all listings.</summary>
    public string? Scope { get; }

    public int Count => _live.Count;

    /// <summary>This very version of the item is indexed (not an older, newer or removed one).</summary>
    public bool Holds(ItemSnapshot item) => _live.TryGetValue(item.ItemId, out var row) && row.Item.Version == item.Version;

    public ItemSnapshot? Get(string itemId) => _live.TryGetValue(itemId, out var row) ? row.Item : null;

    /// <summary>A stored record (rebuilding from the projection): a listing, or a tombstone's version.</summary>
    public void Load(ListingRecord record)
    {
        if (record.Item is { } item) Apply(item);
        else if (!_versions.TryGetValue(record.ItemId, out var known) || known < record.Version)
        {
            _versions[record.ItemId] = record.Version;
            if (_live.TryGetValue(record.ItemId, out var previous)) Replace(record.ItemId, previous, null);
        }
    }

    /// <summary>
    /// Takes the snapshot unless the same or a newer version was seen; outside the scope it removes the item.
    /// Categories the item was in and is no longer are added to <paramref name="left"/>. True when it changed.
    /// </summary>
    public bool Apply(ItemSnapshot item, List<string>? left = null)
    {
        ListingRow.Validate(item);
        if (_versions.TryGetValue(item.ItemId, out var known) && known >= item.Version) return false;
        _versions[item.ItemId] = item.Version;
        _live.TryGetValue(item.ItemId, out var previous);
        var row = new IndexedListing(item);
        if (left is not null && previous is not null)
            foreach (var category in previous.Categories)
                if (!row.InCategory(category)) left.Add(category);
        Replace(item.ItemId, previous, Scope is null || row.InCategory(Scope) ? row : null);
        return true;
    }

    /// <summary>Removes the item when its indexed version is at most <paramref name="version"/> (as the store's RemoveAsync).</summary>
    public bool Remove(string itemId, long version)
    {
        if (!_live.TryGetValue(itemId, out var previous) || previous.Item.Version > version) return false;
        _versions[itemId] = version;
        Replace(itemId, previous, null);
        return true;
    }

    public ListingPage Query(ListingQuery query)
    {
        ListingRow.Validate(query);
        var order = query.OrderBy;
        var cursor = query.After is null ? null : ListingCursor.Decode(query.After, order);
        EnsureSorted();
        var filter = new ListingFilter(query, Scope);
        var list = _sorted[(int)order];
        var start = 0;
        if (cursor is not null)
        {
            // The cursor is a position (key, id), not necessarily a row still present: start after it.
            var found = list.BinarySearch(new Entry(cursor.Key, cursor.ItemId, null!), Comparers[(int)order]);
            start = found >= 0 ? found + 1 : ~found;
        }

        var edges = new List<ListingEdge>(Math.Min(query.First, 32));
        var hasNext = false;
        for (var i = start; i < list.Count; i++)
        {
            var entry = list[i];
            if (!filter.Matches(entry.Row)) continue;
            if (edges.Count == query.First) { hasNext = true; break; }
            edges.Add(new ListingEdge(new ListingCursor(order, entry.Key, entry.Row.ItemId).Encode(), entry.Row.Item));
        }
        return new ListingPage(edges, CountMatches(filter), hasNext, cursor is not null);
    }

    private int CountMatches(ListingFilter filter)
    {
        if (filter.StatusOnly) return filter.Status is { } status ? _countByStatus[(int)status] : _live.Count;
        var count = 0;
        foreach (var row in _live.Values)
            if (filter.Matches(row)) count++;
        return count;
    }

    private void Replace(string itemId, IndexedListing? previous, IndexedListing? row)
    {
        if (previous is null && row is null) return;
        _unsorted.TryAdd(itemId, previous);
        if (previous is not null)
        {
            _live.Remove(itemId);
            _countByStatus[(int)previous.Item.Status]--;
        }
        if (row is not null)
        {
            _live[itemId] = row;
            _countByStatus[(int)row.Item.Status]++;
        }
    }

    private void EnsureSorted()
    {
        if (_unsorted.Count == 0) return;
        // Moving one row costs a binary search and a list shift per order; past a few percent of the rows a sort is cheaper.
        if (_unsorted.Count > Math.Max(64, _live.Count / 32))
        {
            for (var o = 0; o < Orders.Length; o++)
            {
                var list = _sorted[o];
                list.Clear();
                list.EnsureCapacity(_live.Count);
                foreach (var row in _live.Values) list.Add(new Entry(row.Key(Orders[o]), row.ItemId, row));
                list.Sort(Comparers[o]);
            }
        }
        else
        {
            foreach (var (itemId, sortedRow) in _unsorted)
            {
                _live.TryGetValue(itemId, out var row);
                for (var o = 0; o < Orders.Length; o++)
                {
                    var list = _sorted[o];
                    if (sortedRow is not null)
                    {
                        var at = list.BinarySearch(new Entry(sortedRow.Key(Orders[o]), itemId, sortedRow), Comparers[o]);
                        if (at < 0) throw new InvalidOperationException($"The listing index lost track of item '{itemId}'.");
                        list.RemoveAt(at);
                    }
                    if (row is not null)
                    {
                        var entry = new Entry(row.Key(Orders[o]), itemId, row);
                        list.Insert(~list.BinarySearch(entry, Comparers[o]), entry);
                    }
                }
            }
        }
        _unsorted.Clear();
    }

    private readonly record struct Entry(long Key, string ItemId, IndexedListing Row);

    /// <summary>By key, then item id, both in the order's direction (the SQL store's ORDER BY key dir, item_id dir).</summary>
    private sealed class EntryComparer(bool ascending) : IComparer<Entry>
    {
        public int Compare(Entry a, Entry b)
        {
            var byKey = a.Key.CompareTo(b.Key);
            if (byKey == 0) byKey = ItemIdOrder.Compare(a.ItemId, b.ItemId);
            return ascending ? byKey : -byKey;
        }
    }
}
