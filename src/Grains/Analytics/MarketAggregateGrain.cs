using Marketplace.Grains.Interfaces.Analytics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Shared body of the category, region and platform aggregates: facts persisted as grain state,
/// events applied exactly once, figures computed on demand, a change notification after each durable write.
/// Writes are group-committed: an event is applied in memory at once (synchronously, so turns never see
/// half an event), then its call waits for the shared write that covers it; ApplyAsync is [AlwaysInterleave]
/// so the events arriving meanwhile join that write. An event is acknowledged only once durable.
/// </summary>
public abstract class MarketAggregateGrain(
    IPersistentState<MarketFacts> facts,
    IOptions<MarketFiguresOptions> options,
    TimeProvider timeProvider,
    ILogger logger) : Grain
{
    protected MarketFacts Facts => facts.State;
    protected MarketFiguresOptions Options => options.Value;
    protected DateTimeOffset Now => timeProvider.GetUtcNow();

    /// <summary>Scope and namespace of the change notifications.</summary>
    protected abstract (string Scope, string Namespace) Notifications { get; }

    private GroupCommit? _commit;

    /// <summary>The shared write of <see cref="Facts"/>: every change to them must await it before acknowledging.</summary>
    protected GroupCommit Commit => _commit ??= new GroupCommit(facts.WriteStateAsync, ReloadAsync);

    public async Task<bool> ApplyAsync(MarketEvent marketEvent)
    {
        if (!MarketFactsApplier.Apply(facts.State, marketEvent))
        {
            // A repeat of an event still being written: acknowledge it no earlier than the original.
            await Commit.WhenDurableAsync();
            return false;
        }
        if (await Commit.CommitAndClaimAnnouncementAsync()) await NotifyChangedAsync();
        return true;
    }

    // Undoes the changes not yet durable; their publishers redeliver and the events apply again.
    private async Task ReloadAsync()
    {
        try
        {
            await facts.ReadStateAsync();
        }
        catch
        {
            // The in-memory facts are now of unknown durability: a fresh activation reads them again.
            DeactivateOnIdle();
            throw;
        }
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
