using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Gateway.Schema;

// Values that flow through the schema where no grain record fits as is.

/// <summary>
/// A seller by id; its fields load the user (name) and the seller grain's profile on demand. A card is the
/// seller shown beside an item, whose profile may be one this gateway fetched a moment ago (SellerCardOptions).
/// </summary>
internal sealed record SellerRef(string Id, bool IsCard = false);

/// <summary>The dashboard root: every field asks the platform dashboard grain.</summary>
internal sealed record DashboardRoot
{
    public static DashboardRoot Instance { get; } = new();
}

/// <summary>One page of items from the listing projection (Relay connection).</summary>
internal sealed record ItemConnectionPage(ListingPage Page);

/// <summary>
/// MarketStats of a category, region or the platform over a window. Figures are fetched once per
/// request; daily(days) with another length asks again with that length.
/// </summary>
internal sealed class StatsSource(Func<StatsQuery, Task<MarketStats>> fetch, StatsWindow window, IReadOnlyList<decimal>? bounds)
{
    public const int DefaultDailyDays = 30;
    private readonly Dictionary<int, Task<MarketStats>> _byDays = new();
    private readonly object _gate = new();

    public Task<MarketStats> GetAsync(int dailyDays = DefaultDailyDays)
    {
        lock (_gate)
        {
            if (!_byDays.TryGetValue(dailyDays, out var task))
                _byDays[dailyDays] = task = fetch(new StatsQuery(window, bounds, dailyDays));
            return task;
        }
    }
}

/// <summary>One page of orders from the order-list index (Relay connection).</summary>
internal sealed record OrderConnectionPage(Grains.Interfaces.OrderLists.OrderListPage Page);
