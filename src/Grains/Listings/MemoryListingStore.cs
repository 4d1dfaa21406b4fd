using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>In-memory listing store for unit tests; same semantics as the SQL stores.</summary>
public sealed class MemoryListingStore : IListingStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (ItemSnapshot Item, bool Removed)> _rows = new(StringComparer.Ordinal);

    public Task<bool> UpsertAsync(ItemSnapshot item, CancellationToken cancellationToken = default)
    {
        ListingRow.Validate(item);
        lock (_gate)
        {
            if (_rows.TryGetValue(item.ItemId, out var row) && row.Item.Version >= item.Version) return Task.FromResult(false);
            _rows[item.ItemId] = (item, false);
            return Task.FromResult(true);
        }
    }

    public Task<bool> RemoveAsync(string itemId, long version, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue(itemId, out var row) || row.Removed || row.Item.Version > version) return Task.FromResult(false);
            _rows[itemId] = (row.Item with { Version = version }, true);
            return Task.FromResult(true);
        }
    }

    public Task<ItemSnapshot?> GetAsync(string itemId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_rows.TryGetValue(itemId, out var row) && !row.Removed ? row.Item : null);
    }

    public IAsyncEnumerable<ListingRecord> ScanAsync(string? categoryId, CancellationToken cancellationToken = default)
    {
        List<ListingRecord> records;
        lock (_gate)
            records = _rows.Values
                .Where(r => categoryId is null || ListingRow.Categories(r.Item).Contains(categoryId))
                .Select(r => new ListingRecord(r.Item.ItemId, r.Item.Version, r.Removed ? null : r.Item))
                .ToList();
        return records.ToAsyncEnumerable();
    }

    public Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken = default)
    {
        ListingRow.Validate(query);
        var cursor = query.After is null ? null : ListingCursor.Decode(query.After, query.OrderBy);
        List<ItemSnapshot> matches;
        lock (_gate)
            matches = _rows.Values.Where(r => !r.Removed && Matches(r.Item, query)).Select(r => r.Item).ToList();

        var ascending = ListingRow.Ascending(query.OrderBy);
        int Compare(ItemSnapshot a, ItemSnapshot b)
        {
            var byKey = ListingRow.SortKey(a, query.OrderBy).CompareTo(ListingRow.SortKey(b, query.OrderBy));
            if (byKey == 0) byKey = string.CompareOrdinal(a.ItemId, b.ItemId);
            return ascending ? byKey : -byKey;
        }
        matches.Sort(Compare);
        var afterCursor = cursor is null ? matches : matches.Where(m =>
        {
            var byKey = ListingRow.SortKey(m, query.OrderBy).CompareTo(cursor.Key);
            if (byKey == 0) byKey = string.CompareOrdinal(m.ItemId, cursor.ItemId);
            return ascending ? byKey > 0 : byKey < 0;
        }).ToList();
        var page = afterCursor.Take(query.First).ToList();
        var edges = page.Select(i => new ListingEdge(new ListingCursor(query.OrderBy, ListingRow.SortKey(i, query.OrderBy), i.ItemId).Encode(), i)).ToList();
        return Task.FromResult(new ListingPage(edges, matches.Count, afterCursor.Count > page.Count, cursor is not null));
    }

    private static bool Matches(ItemSnapshot item, ListingQuery query) =>
        (query.CategoryId is null || ListingRow.Categories(item).Contains(query.CategoryId))
        && (query.RegionId is null || item.RegionId == query.RegionId)
        && (query.SellerId is null || item.SellerId == query.SellerId)
        && (query.Grades is null || query.Grades.Count == 0 || query.Grades.Contains(item.EffectiveGrade))
        && (query.MinPrice is not { } min || ListingRow.Cents(item.Price) >= ListingRow.MinCents(min))
        && (query.MaxPrice is not { } max || ListingRow.Cents(item.Price) <= ListingRow.MaxCents(max))
        && (query.Status is not { } status || item.Status == status)
        && (query.Mode is not { } mode || item.Mode == mode)
        && (string.IsNullOrEmpty(query.Text) || ListingRow.SearchText(item).Contains(query.Text.ToLowerInvariant(), StringComparison.Ordinal));
}
