using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.OrderLists;

namespace Marketplace.Grains.OrderLists;

/// <summary>An <see cref="OrderListQuery"/>'s filter over rows; the memory store and the index share it, so they agree.</summary>
internal sealed class OrderListFilter
{
    public const int MaxPageSize = 100;
    private static readonly int StatusCount = Enum.GetValues<OrderStatus>().Length;

    private readonly int _statusMask;
    private readonly OrderListQuery _query;

    public OrderListFilter(OrderListQuery query)
    {
        Validate(query);
        _query = query;
        if (query.Statuses is { Count: > 0 } statuses)
            foreach (var status in statuses) _statusMask |= 1 << (int)status;
        // Only statuses and withInspection: the index's counters answer the total without a scan.
        CountedByStatus = query.SellerId is null && query.BuyerId is null && query.CategoryId is null && query.RegionId is null;
    }

    public bool CountedByStatus { get; }

    public bool WantsStatus(OrderStatus status) => _statusMask == 0 || (_statusMask & (1 << (int)status)) != 0;

    public bool WantsInspection(bool withInspection) => _query.WithInspection is not { } wanted || wanted == withInspection;

    public bool Matches(OrderListRow row) =>
        WantsStatus(row.Status) && WantsInspection(row.WithInspection)
        && (_query.SellerId is null || string.Equals(row.SellerId, _query.SellerId, StringComparison.Ordinal))
        && (_query.BuyerId is null || string.Equals(row.BuyerId, _query.BuyerId, StringComparison.Ordinal))
        && (_query.RegionId is null || string.Equals(row.RegionId, _query.RegionId, StringComparison.Ordinal))
        && (_query.CategoryId is null || row.InCategory(_query.CategoryId));

    /// <summary>Refuses bad queries before touching anything.</summary>
    public static void Validate(OrderListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.First is < 1 or > MaxPageSize) throw new ArgumentException($"first must be between 1 and {MaxPageSize}.", nameof(query));
        if (query.Statuses is { } statuses && statuses.Any(s => (int)s < 0 || (int)s >= StatusCount))
            throw new ArgumentException("Unknown order status.", nameof(query));
    }

    public static void Validate(OrderListRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrWhiteSpace(row.OrderId)) throw new ArgumentException("An order row needs an id.", nameof(row));
        if (row.Version <= 0) throw new ArgumentException("Order versions start at 1.", nameof(row));
    }
}
