namespace Marketplace.Grains.Interfaces.OrderLists;

/// <summary>
/// The durable order-list projection: one row per order, kept from order market events. Writes are
/// idempotent by order version (an older or equal version changes nothing), so duplicated or shuffled
/// delivery converges on the newest row. Queries are served by <see cref="IOrderListIndexGrain"/>, which
/// is rebuilt from <see cref="ScanAsync"/>.
/// </summary>
public interface IOrderListStore
{
    /// <summary>Stores the row unless the stored version is the same or newer. True when it changed the store.</summary>
    Task<bool> UpsertAsync(OrderListRow row, CancellationToken cancellationToken = default);

    Task<OrderListRow?> GetAsync(string orderId, CancellationToken cancellationToken = default);

    /// <summary>Every stored row, in no particular order.</summary>
    IAsyncEnumerable<OrderListRow> ScanAsync(CancellationToken cancellationToken = default);
}
