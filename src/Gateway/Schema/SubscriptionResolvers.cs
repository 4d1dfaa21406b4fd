using System.Runtime.CompilerServices;
using Marketplace.Gateway.Loading;
using Marketplace.Gateway.Subscriptions;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Subscriptions driven by the grains' streams (market events per order / item, stats-changed
/// notifications) and this gateway's own mutation signals (which only make its own changes arrive sooner).
/// No polling: the order grain publishes an event for every status change (deadlines included) and the
/// item grain one for every price change. Each wake-up re-reads the grain, so duplicates never produce
/// wrong objects, and a burst of changes yields each new status / price in order.
/// The feed is opened before the first re-read, so a change made while subscribing is not missed.
/// </summary>
internal static class SubscriptionResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        foreach (var field in new[] { "orderStatusChanged", "itemPriceChanged", "categoryStatsChanged", "dashboardChanged", "alertRaised" })
            builder.Field("Subscription", field, context => context.Source);

        builder.Subscribe("Subscription", "orderStatusChanged", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var orderId = context.GetArgument<string>("orderId")!;
            var client = GrainLoaders.Client(context);
            var order = await client.GetGrain<IOrderGrain>(orderId).GetAsync()
                ?? throw new GraphQLException($"No order '{orderId}'.", "NOT_FOUND");
            if (!caller.Is(order.BuyerId) && !caller.Is(order.SellerId) && !caller.IsOperatorOrAdmin)
                throw Access.Deny("Only the order's buyer and seller, operators and admins follow an order.");
            var feed = await OpenFeedAsync(context, MarketStreams.EventsNamespace, orderId, ChangeSignals.OrderKey(orderId));
            feed.Wake(); // re-read once: catches a status entered between the read above and the subscription
            return OrderStatuses(client, orderId, order.History.Count, feed, context.CancellationToken);
        });

        builder.Subscribe("Subscription", "itemPriceChanged", async context =>
        {
            var itemId = context.GetArgument<string>("itemId")!;
            var client = GrainLoaders.Client(context);
            var item = await client.GetGrain<IItemGrain>(itemId).GetAsync()
                ?? throw new GraphQLException($"No item '{itemId}'.", "NOT_FOUND");
            var feed = await OpenFeedAsync(context, MarketStreams.EventsNamespace, itemId, ChangeSignals.ItemKey(itemId));
            feed.Wake(); // as for orders: a price changed while subscribing is still sent
            return PriceChanges(client, itemId, item.PriceHistory.Count, feed, context.CancellationToken);
        });

        builder.Subscribe("Subscription", "categoryStatsChanged", async context =>
        {
            var categoryId = context.GetArgument<string>("categoryId")!;
            var client = GrainLoaders.Client(context);
            _ = await client.GetGrain<ICategoryGrain>(categoryId).GetAsync()
                ?? throw new GraphQLException($"No category '{categoryId}'.", "NOT_FOUND");
            var feed = await OpenFeedAsync(context, MarketStreams.CategoryStatsChangedNamespace, categoryId, null);
            return Reads(feed, async () => (object?)await client.GetGrain<ICategoryGrain>(categoryId).GetAsync(), context.CancellationToken);
        });

        builder.Subscribe("Subscription", "dashboardChanged", async context =>
        {
            Access.RequireOperator(context);
            var feed = await OpenFeedAsync(context, MarketStreams.DashboardChangedNamespace, MarketStreams.PlatformKey, null);
            return Reads(feed, () => Task.FromResult<object?>(DashboardRoot.Instance), context.CancellationToken);
        });

        builder.Subscribe("Subscription", "alertRaised", async context =>
        {
            Access.RequireOperator(context);
            var dashboard = GrainLoaders.Client(context).GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
            // Alerts standing when the subscription starts are not news. Read before the feed opens, and re-read
            // once it is open (as orderStatusChanged does), so an alert raised in between is still sent.
            var seen = new HashSet<Alert>(await dashboard.GetAlertsAsync(AlertWindow));
            var feed = await OpenFeedAsync(context, MarketStreams.DashboardChangedNamespace, MarketStreams.PlatformKey, null);
            feed.Wake();
            return RaisedAlerts(dashboard, seen, feed, context.CancellationToken);
        });
    }

    /// <summary>How many of the newest alerts each re-read compares (the dashboard's page limit).</summary>
    private const int AlertWindow = QueryResolvers.MaxPageSize;

    /// <summary>
    /// Alerts are derived by the platform dashboard from the market events it applied (AlertDetector), and
    /// every change of its figures is announced on the dashboard-changed stream: each announcement re-reads
    /// the alerts and sends, oldest first, each one not sent before. An alert is its whole record (kind, ids,
    /// time, message), so one that comes back changed (e.g. a further cancellation in the window) is news again.
    /// </summary>
    private static async IAsyncEnumerable<object?> RaisedAlerts(IPlatformDashboardGrain dashboard, HashSet<Alert> seen, ChangeFeed feed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            var alerts = await ReadThroughFailoverAsync(() => dashboard.GetAlertsAsync(AlertWindow), cancellationToken);
            foreach (var alert in alerts.Reverse())
                if (seen.Add(alert)) yield return alert;
        }
    }

    internal static async Task<ChangeFeed> OpenFeedAsync(IResolveContext context, string streamNamespace, string key, string? signalKey)
    {
        var services = context.RequestServices!;
        var feed = new ChangeFeed();
        if (signalKey is not null) feed.Listen(services.GetRequiredService<ChangeSignals>(), signalKey);
        var provider = services.GetRequiredService<IClusterClient>().GetStreamProvider(MarketStreams.ProviderName);
        if (streamNamespace == MarketStreams.EventsNamespace) await feed.SubscribeAsync<MarketEvent>(provider, StreamId.Create(streamNamespace, key));
        else await feed.SubscribeAsync<MarketStatsChanged>(provider, StreamId.Create(streamNamespace, key));
        return feed;
    }

    /// <summary>The order once per status it enters, in order: each new history entry yields the order as of that entry.</summary>
    private static async IAsyncEnumerable<object?> OrderStatuses(IClusterClient client, string orderId, int seen, ChangeFeed feed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            var order = await ReadThroughFailoverAsync(() => client.GetGrain<IOrderGrain>(orderId).GetAsync(), cancellationToken);
            if (order is null) continue;
            for (; seen < order.History.Count; seen++)
            {
                var entry = order.History[seen];
                yield return order with { Status = entry.Status, History = order.History.Take(seen + 1).ToArray() };
            }
        }
    }

    /// <summary>The item after each price change (each new price history point).</summary>
    private static async IAsyncEnumerable<object?> PriceChanges(IClusterClient client, string itemId, int seen, ChangeFeed feed,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            var item = await ReadThroughFailoverAsync(() => client.GetGrain<IItemGrain>(itemId).GetAsync(), cancellationToken);
            if (item is null || item.PriceHistory.Count <= seen) continue;
            seen = item.PriceHistory.Count;
            yield return item;
        }
    }

    private static async IAsyncEnumerable<object?> Reads(ChangeFeed feed, Func<Task<object?>> read,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var _ = feed;
        await foreach (var __ in feed.WakeupsAsync(cancellationToken))
        {
            if (await ReadThroughFailoverAsync(read, cancellationToken) is { } value) yield return value;
        }
    }

    private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromMilliseconds(200);
    private const int MaxReadAttempts = 50; // about 10 s: a dead silo's grains serve again well within that

    /// <summary>
    /// A re-read that hit a silo which just died is retried until the grain serves again elsewhere, so a
    /// subscription outlives a failover instead of ending with an internal error.
    /// </summary>
    internal static async Task<T> ReadThroughFailoverAsync<T>(Func<Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await read();
            }
            catch (Exception exception) when (exception is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException && attempt < MaxReadAttempts)
            {
                await Task.Delay(ReadRetryDelay, cancellationToken);
            }
        }
    }
}
