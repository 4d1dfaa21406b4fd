using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Interfaces.Recommendations;
using Marketplace.Grains.Interfaces.Users;
using Orleans;
using Orleans.Concurrency;

namespace Marketplace.Grains.Recommendations;

/// <summary>
/// Candidates come from bounded index reads (<see cref="ListingProbe"/>): the listings nearest a price in the
/// item's category and in its parent's (siblings), the same in the buyer's region, and the region's most viewed.
/// They are ranked by <see cref="Ranking"/> / <see cref="BuyerProfile"/> and the best are checked against their
/// item grains, because the index is a projection that may lag a reservation by a moment: what comes back is
/// LISTED now and not the caller's. Stateless worker: nothing to keep, any silo answers.
/// </summary>
[StatelessWorker, GrainType("recommendations")]
public sealed class RecommendationGrain : Grain, IRecommendationGrain
{
    /// <summary>Categories of the buyer's history that candidates are read from.</summary>
    internal const int TopCategories = 3;

    public async Task<IReadOnlyList<ItemView>> SimilarAsync(string itemId, string? callerId, int first)
    {
        first = Math.Clamp(first, 0, IRecommendationGrain.MaxFirst);
        if (first == 0) return [];
        var reference = (await All.GetManyAsync([itemId])).FirstOrDefault() ?? await FromGrainAsync(itemId);
        if (reference is null) return [];

        var reads = new Reads(PerProbe(first));
        var parent = Ranking.Parent(reference);
        reads.Nearest(reference.CategoryId, reference.Price, null);
        if (parent is not null) reads.Nearest(parent, reference.Price, null);
        reads.Nearest(parent ?? reference.CategoryId, reference.Price, reference.RegionId);
        var candidates = Distinct(await reads.RunAsync(GrainFactory), c => c.ItemId != itemId && Buyable(c, callerId, null));
        return await CheckedAsync(Ranking.Order(candidates, c => Ranking.Similar(reference, c)), callerId, null, first);
    }

    public async Task<IReadOnlyList<ItemView>> RecommendedAsync(string buyerId, string? callerId, int first)
    {
        first = Math.Clamp(first, 0, IRecommendationGrain.MaxFirst);
        if (first == 0) return [];
        var historyCall = GrainFactory.GetGrain<IBuyerGrain>(buyerId).GetHistoryAsync();
        var userCall = GrainFactory.GetGrain<IUserGrain>(buyerId).GetAsync();
        var (history, user) = (await historyCall, await userCall);
        var ids = history.RecentViews.Concat(history.Favorites).Concat(history.Ordered).Concat(history.Rented).Distinct(StringComparer.Ordinal).ToList();
        var snapshots = ids.Count == 0 ? [] : (await All.GetManyAsync(ids)).ToDictionary(s => s.ItemId, StringComparer.Ordinal);
        var profile = new BuyerProfile(history, snapshots, user?.RegionId);
        bool Allowed(ItemSnapshot c) => Buyable(c, callerId, buyerId) && !profile.Excluded.Contains(c.ItemId);

        var reads = new Reads(PerProbe(first));
        foreach (var (example, _, median) in profile.TopCategories(TopCategories))
        {
            reads.Nearest(example.CategoryId, median, null);
            var parent = Ranking.Parent(example);
            if (parent is not null) reads.Nearest(parent, median, null);
            if (profile.RegionId is { } region) reads.Nearest(parent ?? example.CategoryId, median, region);
        }
        var popular = reads.Popular(profile.RegionId);
        var answers = await reads.RunAsync(GrainFactory);
        var ranked = Ranking.Order(Distinct(answers.Where((_, i) => i != popular), Allowed), profile.Score);
        // After the ranked items (or alone, with no history): the region's most viewed, in the index's order.
        var seen = ranked.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        ranked.AddRange(answers[popular].Where(p => Allowed(p) && seen.Add(p.ItemId)));
        return await CheckedAsync(ranked, callerId, buyerId, first);
    }

    private static readonly ListingOrder[] PriceOrders = [ListingOrder.PriceAsc, ListingOrder.PriceDesc];

    private IListingIndexGrain All => GrainFactory.GetGrain<IListingIndexGrain>(ListingIndexKeys.All);

    /// <summary>Enough candidates per read that exclusions and sibling crowding still leave <c>first</c> good ones.</summary>
    private static int PerProbe(int first) => Math.Clamp(2 * first, 40, ListingProbe.MaxTake);

    /// <summary>
    /// The probes of one request, sent as one call per listing index (in parallel), answered in the order they were added.
    /// Identical probes (e.g. a root category that is its own scope) are asked once.
    /// </summary>
    private sealed class Reads(int take)
    {
        private readonly List<(string Index, ListingProbe Probe)> _probes = [];

        /// <summary>The LISTED listings of a category (with sub-categories) nearest a price: <c>take</c> at or above it, as many below.</summary>
        public void Nearest(string categoryId, decimal price, string? regionId)
        {
            foreach (var order in PriceOrders)
                Add(ListingIndexKeys.ForCategory(categoryId), new ListingProbe(new ListingQuery(RegionId: regionId, Status: ItemStatus.LISTED, OrderBy: order), take, price));
        }

        /// <summary>The region's (or everyone's) most viewed LISTED listings; the position of its answer.</summary>
        public int Popular(string? regionId) =>
            Add(ListingIndexKeys.All, new ListingProbe(new ListingQuery(RegionId: regionId, Status: ItemStatus.LISTED, OrderBy: ListingOrder.MostViewed), take));

        private int Add(string index, ListingProbe probe)
        {
            var known = _probes.IndexOf((index, probe));
            if (known >= 0) return known;
            _probes.Add((index, probe));
            return _probes.Count - 1;
        }

        public async Task<IReadOnlyList<ItemSnapshot>[]> RunAsync(IGrainFactory grains)
        {
            var answers = new IReadOnlyList<ItemSnapshot>[_probes.Count];
            await Task.WhenAll(_probes.Select((p, i) => (p.Index, p.Probe, At: i)).GroupBy(p => p.Index, StringComparer.Ordinal).Select(async group =>
            {
                var reads = await grains.GetGrain<IListingIndexGrain>(group.Key).ProbeAsync(group.Select(p => p.Probe).ToList());
                var at = 0;
                foreach (var probe in group) answers[probe.At] = reads[at++];
            }));
            return answers;
        }
    }

    private static bool Buyable(ItemSnapshot item, string? callerId, string? buyerId) =>
        item.Status == ItemStatus.LISTED && item.SellerId != callerId && item.SellerId != buyerId;

    private static List<ItemSnapshot> Distinct(IEnumerable<IReadOnlyList<ItemSnapshot>> reads, Func<ItemSnapshot, bool> keep)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ItemSnapshot>();
        foreach (var read in reads)
            foreach (var item in read)
                if (keep(item) && seen.Add(item.ItemId)) result.Add(item);
        return result;
    }

    /// <summary>The first <paramref name="first"/> of the ranking whose item grain says LISTED and not the caller's (or buyer's), in ranking order.</summary>
    private async Task<IReadOnlyList<ItemView>> CheckedAsync(List<ItemSnapshot> ranked, string? callerId, string? buyerId, int first)
    {
        var result = new List<ItemView>(first);
        for (var at = 0; at < ranked.Count && result.Count < first;)
        {
            // One round of concurrent reads per batch; more only when some were taken meanwhile.
            var batch = ranked.Skip(at).Take(first - result.Count + 2).ToList();
            at += batch.Count;
            var views = await Task.WhenAll(batch.Select(c => GrainFactory.GetGrain<IItemGrain>(c.ItemId).GetAsync()));
            foreach (var view in views)
                if (result.Count < first && view is { Status: ItemStatus.LISTED } && view.SellerId != callerId && view.SellerId != buyerId)
                    result.Add(view);
        }
        return result;
    }

    private async Task<ItemSnapshot?> FromGrainAsync(string itemId) =>
        await GrainFactory.GetGrain<IItemGrain>(itemId).GetAsync() is { } view
            ? new ItemSnapshot(view.Id, 0, view.SellerId, view.CategoryId, [view.CategoryId], view.RegionId, view.Title, view.Description,
                view.ClaimedGrade, view.VerifiedGrade, view.Price, view.Status, view.ListedAt, view.SoldAt, view.Views, view.Favorites)
            : null;
}
