namespace Marketplace.Grains.Interfaces.Rentals;

/// <summary>
/// One rental as the rental lists (Query.rentals, Seller.rentalsOut, Buyer.rentals) hold it, built from the snapshot of
/// every rental event; <paramref name="Version"/> is the rental's version, so the newest row wins however events are
/// duplicated or reordered. <paramref name="CreatedAt"/> (requestRental's time) orders the lists and never changes.
/// </summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalListRow")]
public sealed record RentalListRow(
    string RentalId, long Version, RentalStatus Status, string OwnerId, string RenterId, string ItemId,
    string CategoryId, IReadOnlyList<string> CategoryPath, string RegionId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static RentalListRow From(RentalSnapshot rental, DateTimeOffset at) => new(
        rental.RentalId, rental.Version, rental.Status, rental.OwnerId, rental.RenterId, rental.ItemId,
        rental.CategoryId, rental.CategoryPath ?? [], rental.RegionId, rental.RequestedAt, at);

    public bool InCategory(string categoryId) =>
        string.Equals(CategoryId, categoryId, StringComparison.Ordinal) || CategoryPath.Contains(categoryId, StringComparer.Ordinal);
}

/// <summary>The contract's RentalFilter plus paging; null fields do not filter, a category includes its sub-categories.</summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalListQuery")]
public sealed record RentalListQuery(
    IReadOnlyList<RentalStatus>? Statuses = null, string? OwnerId = null, string? RenterId = null,
    string? CategoryId = null, string? RegionId = null, int First = 20, string? After = null);

[GenerateSerializer, Immutable, Alias("mp.rentals.RentalListEdge")]
public sealed record RentalListEdge(string Cursor, RentalListRow Row);

/// <summary>One page, newest first; <paramref name="TotalCount"/> counts every match.</summary>
[GenerateSerializer, Immutable, Alias("mp.rentals.RentalListPage")]
public sealed record RentalListPage(IReadOnlyList<RentalListEdge> Edges, int TotalCount, bool HasNextPage, bool HasPreviousPage)
{
    public string? StartCursor => Edges.Count > 0 ? Edges[0].Cursor : null;
    public string? EndCursor => Edges.Count > 0 ? Edges[^1].Cursor : null;
}

/// <summary>The durable rental-list projection (as the order-list one): version-guarded upserts, scanned to rebuild the index.</summary>
public interface IRentalListStore
{
    Task<bool> UpsertAsync(RentalListRow row, CancellationToken cancellationToken = default);
    IAsyncEnumerable<RentalListRow> ScanAsync(CancellationToken cancellationToken = default);
}

/// <summary>Every rental list served from memory (key <see cref="All"/>), rebuilt from the store on activation.</summary>
[Alias("mp.rentals.IRentalListIndexGrain")]
public interface IRentalListIndexGrain : IGrainWithStringKey
{
    public const string All = "all";

    Task<bool> ApplyAsync(RentalListRow row);

    /// <summary>One page (First 1..100) after the cursor; a bad query throws <see cref="ArgumentException"/>.</summary>
    Task<RentalListPage> QueryAsync(RentalListQuery query);
}
