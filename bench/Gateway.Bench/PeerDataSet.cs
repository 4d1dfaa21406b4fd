using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Bench;

/// <summary>
/// The peer's data set (../shared/bench/graphql-peer/README.md) loaded through grain calls, in parallel:
/// 5 categories, 1,000 sellers s0..s999, listed items i0.. (50,000 by default, --items) with two price points.
/// </summary>
internal static class PeerDataSet
{
    private static readonly string[] Categories = ["phones", "laptops", "cameras", "bags", "books"];
    private static readonly Grade[] Grades = [Grade.NEW, Grade.LIKE_NEW, Grade.EXCELLENT, Grade.GOOD, Grade.FAIR];

    /// <param name="onSellersReady">Called once the sellers exist, right before the items (the progress clock starts there).</param>
    /// <param name="onItemLoaded">Called after each item is listed and repriced.</param>
    public static async Task LoadAsync(IClusterClient grains, int itemCount, int sellerCount, Action? onSellersReady = null, Action? onItemLoaded = null)
    {
        var admin = CallerContext.Admin();
        Check(await grains.GetGrain<IRegionGrain>("r0").CreateAsync("Region 0", admin));
        foreach (var category in Categories)
            Check(await grains.GetGrain<ICategoryGrain>(category).CreateAsync(new CreateCategory(category), admin));
        await Parallel.ForEachAsync(Enumerable.Range(0, sellerCount), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (s, _) =>
            Check(await grains.GetGrain<IUserGrain>($"s{s}").CreateAsync($"seller {s}", "r0")));
        onSellersReady?.Invoke();
        await Parallel.ForEachAsync(Enumerable.Range(0, itemCount), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var seller = CallerContext.User($"s{i % sellerCount}");
            var item = grains.GetGrain<IItemGrain>($"i{i}");
            var price = 100m + i % 5000;
            Check(await item.ListAsync(new ListItem($"item {i}", "", Categories[i % Categories.Length], "r0", Grades[i % Grades.Length], price + 20m), seller));
            Check(await item.ChangePriceAsync(price, seller));
            onItemLoaded?.Invoke();
        });
    }

    private static void Check<T>(Result<T> result)
    {
        if (result.Error is { } error && error.Code != ErrorCodes.AlreadyExists)
            throw new InvalidOperationException($"Loading failed: {error.Code} {error.Message}");
    }
}
