namespace Marketplace.Grains.Interfaces.OrderLists;

/// <summary>
/// The contract's OrderFilter plus paging. Null fields do not filter; <paramref name="Statuses"/> matches any
/// of its statuses (empty or null: any); <paramref name="CategoryId"/> includes sub-categories. Who may see
/// what is the gateway's business: it narrows the query (e.g. an inspector's is WithInspection = true).
/// </summary>
[GenerateSerializer, Immutable, Alias("mp.orderlists.OrderListQuery")]
public sealed record OrderListQuery(
    IReadOnlyList<OrderStatus>? Statuses = null,
    bool? WithInspection = null,
    string? SellerId = null,
    string? BuyerId = null,
    string? CategoryId = null,
    string? RegionId = null,
    int First = 20,
    string? After = null);

[GenerateSerializer, Immutable, Alias("mp.orderlists.OrderListEdge")]
public sealed record OrderListEdge(string Cursor, OrderListRow Row);

/// <summary>One page, newest first; <paramref name="TotalCount"/> counts every match, not just the page.</summary>
[GenerateSerializer, Immutable, Alias("mp.orderlists.OrderListPage")]
public sealed record OrderListPage(IReadOnlyList<OrderListEdge> Edges, int TotalCount, bool HasNextPage, bool HasPreviousPage)
{
    public static OrderListPage Empty(bool hasPreviousPage) => new([], 0, false, hasPreviousPage);
    public string? StartCursor => Edges.Count > 0 ? Edges[0].Cursor : null;
    public string? EndCursor => Edges.Count > 0 ? Edges[^1].Cursor : null;
}
