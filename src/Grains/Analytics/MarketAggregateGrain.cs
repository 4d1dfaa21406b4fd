using System.Diagnostics;
using Marketplace.Grains.Interfaces.Analytics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Shared body of the category, region and platform aggregates: facts held in memory and persisted as rows of
/// the aggregate fact store (one per item, order, seller level, attempt, alert and view; see <see cref="MarketFactsKeeper"/>),
/// events applied exactly once, figures computed on demand from memory, a change notification after each durable write.
/// No Orleans grain state: the rows are the state. Writes are group-committed: an event is applied in memory at once
/// (synchronously, so turns never see half an event), then its call waits for the shared write that covers it; ApplyAsync
/// is [AlwaysInterleave] so the events arriving meanwhile join that write, and the store batches the writes of every
/// aggregate into one transaction. An event is acknowledged only once durable. A write upserts only the rows its events
/// touched, so its cost does not grow with the number of items or events the aggregate has seen.
/// </summary>
public abstract class MarketAggregateGrain(
    IAggregateFactStore store,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger logger) : Grain
{
    private MarketFactsKeeper? _keeper;

    private MarketFactsKeeper Keeper => _keeper ?? throw new InvalidOperationException("The aggregate's facts are not loaded.");

    protected MarketFacts Facts => Keeper.Facts;
    protected MarketFiguresOptions Options => options.Value;
    protected DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Scope and namespace of the change notifications; the scope also prefixes the aggregate's key in the store.</summary>
    protected abstract (string Scope, string Namespace) Notifications { get; }

    /// <summary>The shared write of <see cref="Facts"/>: every change to them must await it before acknowledging.</summary>
    protected GroupCommit Commit => Keeper.Commit;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var keeper = new MarketFactsKeeper(store, $"{Notifications.Scope}/{this.GetPrimaryKeyString()}");
        await keeper.LoadAsync(cancellationToken);
        _keeper = keeper;
        logger.LogInformation("Aggregate {Key} loaded {Items} items and {Orders} orders in {Elapsed} ms",
            keeper.AggregateKey, keeper.Facts.Items.Count, keeper.Facts.Orders.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public async Task<bool> ApplyAsync(MarketEvent marketEvent)
    {
        if (!Keeper.Apply(marketEvent))
        {
            // A repeat of an event still being written: acknowledge it no earlier than the original.
            await Keeper.WhenDurableAsync();
            return false;
        }
        if (await Commit.CommitAndClaimAnnouncementAsync()) await NotifyChangedAsync();
        return true;
    }

    public Task<MarketStats> GetStatsAsync(StatsQuery query) =>
        Task.FromResult(new MarketStatsCalculator(Options).Calculate(Facts, query, Now));

    protected async Task NotifyChangedAsync()
    {
        var (scope, @namespace) = Notifications;
        try
        {
            await this.GetStreamProvider(MarketStreams.ProviderName)
                .GetStream<MarketStatsChanged>(StreamId.Create(@namespace, this.GetPrimaryKeyString()))
                .OnNextAsync(new MarketStatsChanged(scope, this.GetPrimaryKeyString(), Now));
        }
        catch (Exception ex)
        {
            // A lost notification only delays a subscriber; the figures themselves are already durable.
            logger.LogWarning(ex, "Could not publish the stats-changed notification of {Scope} {Key}", scope, this.GetPrimaryKeyString());
        }
    }
}
