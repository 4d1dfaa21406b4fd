using System.Diagnostics;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Listings;

/// <summary>
/// Serves listing pages from memory (<see cref="ListingIndex"/>). Its persistence is the SQL projection:
/// activation rebuilds the index from it, and <see cref="Analytics.MarketEventRouterGrain"/> applies each
/// item snapshot here right after writing it there, so a reactivated index misses nothing. The same in
/// dev mode and in a cluster (the gateway calls the grain wherever it lives).
/// </summary>
[GrainType("listing-index")]
public sealed class ListingIndexGrain(IListingStore store, ILogger<ListingIndexGrain> logger) : Grain, IListingIndexGrain
{
    private ListingIndex? _index;

    private ListingIndex Index => _index ?? throw new InvalidOperationException("The listing index is not loaded.");

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var index = new ListingIndex(ListingIndexKeys.CategoryOf(this.GetPrimaryKeyString()));
        await foreach (var record in store.ScanAsync(index.Scope, cancellationToken)) index.Load(record);
        _index = index;
        logger.LogInformation("Listing index {Key} loaded {Count} listings in {Elapsed} ms",
            this.GetPrimaryKeyString(), index.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public Task<ListingIndexUpdate> ApplyAsync(ItemSnapshot item)
    {
        // Only the index of everything knows every item's newest version and previous categories.
        var left = new List<string>();
        Index.Apply(item, left);
        return Task.FromResult(new ListingIndexUpdate(Index.Holds(item), left));
    }

    public Task<ListingPage> QueryAsync(ListingQuery query) => Task.FromResult(Index.Query(query));

    public Task<IReadOnlyList<IReadOnlyList<ItemSnapshot>>> ProbeAsync(IReadOnlyList<ListingProbe> probes) =>
        Task.FromResult<IReadOnlyList<IReadOnlyList<ItemSnapshot>>>(probes.Select(Index.Probe).ToList());

    public Task<IReadOnlyList<ItemSnapshot>> GetManyAsync(IReadOnlyList<string> itemIds) => Task.FromResult(Index.GetMany(itemIds));
}
