using Marketplace.Grains.Interfaces.Analytics;

namespace Marketplace.Grains.Interfaces.Listings;

/// <summary>
/// In-memory ordered index of the listing projection for one scope: a category with its sub-categories
/// (key <see cref="ListingIndexKeys.ForCategory"/>) or every listing (key <see cref="ListingIndexKeys.All"/>).
/// Its durable form is the SQL projection: it is rebuilt from it on activation and fed by the same writer
/// right after each projection write, so it is never staler than the projection. Queries answer exactly
/// as <see cref="IListingStore.QueryAsync"/> (same order, cursors and total count).
/// </summary>
[Alias("mp.listings.IListingIndexGrain")]
public interface IListingIndexGrain : IGrainWithStringKey
{
    /// <summary>
    /// Applies a snapshot unless a same or newer version was seen; one outside the scope removes the item.
    /// The <see cref="ListingIndexKeys.All"/> index tells the writer which category indexes need it
    /// (see <see cref="ListingIndexUpdate"/>); the answer of the others is not meaningful.
    /// </summary>
    Task<ListingIndexUpdate> ApplyAsync(ItemSnapshot item);

    /// <summary>One page after the cursor with the total count; bad queries throw <see cref="ArgumentException"/>.</summary>
    Task<ListingPage> QueryAsync(ListingQuery query);

    /// <summary>Bounded reads without cursor or count (recommendations), one answer per probe in order; bad probes throw <see cref="ArgumentException"/>.</summary>
    Task<IReadOnlyList<IReadOnlyList<ItemSnapshot>>> ProbeAsync(IReadOnlyList<ListingProbe> probes);

    /// <summary>The snapshots this index holds for the ids (any status; the <see cref="ListingIndexKeys.All"/> index holds every item), unknown ids skipped.</summary>
    Task<IReadOnlyList<ItemSnapshot>> GetManyAsync(IReadOnlyList<string> itemIds);
}

/// <param name="Current">The snapshot is the item's newest known version (just applied, or applied before):
/// category indexes need it. False for a stale one, which they must not see (they may not know the newer version).</param>
/// <param name="LeftCategories">Categories the item was in before this snapshot and is no longer in: their indexes drop it.</param>
[GenerateSerializer, Immutable, Alias("mp.listings.ListingIndexUpdate")]
public sealed record ListingIndexUpdate(bool Current, IReadOnlyList<string> LeftCategories);

public static class ListingIndexKeys
{
    /// <summary>The index of every listing (queries without a category).</summary>
    public const string All = "all";

    // A prefix keeps category ids (any text) apart from the All key.
    public static string ForCategory(string categoryId) => "category:" + categoryId;

    /// <summary>Null for <see cref="All"/>, else the category id of the key.</summary>
    public static string? CategoryOf(string key) =>
        key == All ? null
        : key.StartsWith("category:", StringComparison.Ordinal) ? key["category:".Length..]
        : throw new ArgumentException($"'{key}' is not a listing index key.", nameof(key));

    /// <summary>The index that serves a query.</summary>
    public static string For(ListingQuery query) => query.CategoryId is { } category ? ForCategory(category) : All;
}
