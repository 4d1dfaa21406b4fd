using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Interfaces.Listings;

[GenerateSerializer, Alias("mp.listings.ListingOrder")]
public enum ListingOrder { Newest, PriceAsc, PriceDesc, MostViewed }

/// <summary>
/// Filter of a listing query. Null fields do not filter. <paramref name="CategoryId"/> includes
/// sub-categories; <paramref name="Grades"/> match the effective grade (verified, else claimed);
/// <paramref name="Text"/> is a case-insensitive substring of title or description;
/// <paramref name="Status"/> null means any status (the gateway applies the contract's LISTED default).
/// </summary>
[GenerateSerializer, Immutable, Alias("mp.listings.ListingQuery")]
public sealed record ListingQuery(
    string? CategoryId = null,
    string? RegionId = null,
    string? SellerId = null,
    IReadOnlyList<Grade>? Grades = null,
    decimal? MinPrice = null,
    decimal? MaxPrice = null,
    ItemStatus? Status = null,
    string? Text = null,
    ListingOrder OrderBy = ListingOrder.Newest,
    int First = 20,
    string? After = null,
    ListingMode? Mode = null);

[GenerateSerializer, Immutable, Alias("mp.listings.ListingEdge")]
public sealed record ListingEdge(string Cursor, ItemSnapshot Item);

/// <summary>One stored listing as a scan returns it: <paramref name="Item"/> is null for a removal (tombstone at <paramref name="Version"/>).</summary>
[GenerateSerializer, Immutable, Alias("mp.listings.ListingRecord")]
public sealed record ListingRecord(string ItemId, long Version, ItemSnapshot? Item);

[GenerateSerializer, Immutable, Alias("mp.listings.ListingPage")]
public sealed record ListingPage(IReadOnlyList<ListingEdge> Edges, int TotalCount, bool HasNextPage, bool HasPreviousPage)
{
    public string? StartCursor => Edges.Count > 0 ? Edges[0].Cursor : null;
    public string? EndCursor => Edges.Count > 0 ? Edges[^1].Cursor : null;
}

/// <summary>
/// Projection of items for listing queries, kept from item events. Writes are idempotent by item
/// version: an older or equal version changes nothing. Invalid queries throw <see cref="ArgumentException"/>.
/// </summary>
public interface IListingStore
{
    /// <summary>Stores the snapshot unless the stored version is the same or newer. True when it changed the store.</summary>
    Task<bool> UpsertAsync(ItemSnapshot item, CancellationToken cancellationToken = default);

    /// <summary>Removes the item when the stored version is at most <paramref name="version"/>.</summary>
    Task<bool> RemoveAsync(string itemId, long version, CancellationToken cancellationToken = default);

    Task<ItemSnapshot?> GetAsync(string itemId, CancellationToken cancellationToken = default);

    /// <summary>One page (First 1..100) after the cursor, with the total count of matches.</summary>
    Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every stored listing of a category (with its sub-categories), or of all categories when null,
    /// tombstones included: what an in-memory index is rebuilt from.
    /// </summary>
    IAsyncEnumerable<ListingRecord> ScanAsync(string? categoryId, CancellationToken cancellationToken = default);
}
