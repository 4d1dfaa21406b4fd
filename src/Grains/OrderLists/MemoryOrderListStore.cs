using Marketplace.Grains.Interfaces.OrderLists;

namespace Marketplace.Grains.OrderLists;

/// <summary>In-memory order-list projection (Storage:Provider = Memory, tests); same version rule as the SQL store.</summary>
public sealed class MemoryOrderListStore : IOrderListStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, OrderListRow> _rows = new(StringComparer.Ordinal);

    public Task<bool> UpsertAsync(OrderListRow row, CancellationToken cancellationToken = default)
    {
        OrderListFilter.Validate(row);
        lock (_gate)
        {
            if (_rows.TryGetValue(row.OrderId, out var stored) && stored.Version >= row.Version) return Task.FromResult(false);
            _rows[row.OrderId] = row;
            return Task.FromResult(true);
        }
    }

    public Task<OrderListRow?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        lock (_gate) return Task.FromResult(_rows.GetValueOrDefault(orderId));
    }

    public IAsyncEnumerable<OrderListRow> ScanAsync(CancellationToken cancellationToken = default)
    {
        List<OrderListRow> rows;
        lock (_gate) rows = [.. _rows.Values];
        return rows.ToAsyncEnumerable();
    }
}
