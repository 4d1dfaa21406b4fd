using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Item fields. An Item is either the item grain's <see cref="ItemView"/> or, in listing pages, the
/// projection's <see cref="ItemSnapshot"/>: fields the snapshot carries are answered from it (no grain
/// call per row, price history included); the rest (accessories, repairs) load the item grain, batched.
/// </summary>
internal static class ItemResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        Both(builder, "id", v => v.Id, s => s.ItemId);
        Both(builder, "title", v => v.Title, s => s.Title);
        Both(builder, "description", v => v.Description, s => s.Description);
        Both(builder, "seller", v => new SellerRef(v.SellerId, IsCard: true), s => new SellerRef(s.SellerId, IsCard: true));
        Both(builder, "claimedGrade", v => v.ClaimedGrade, s => s.ClaimedGrade);
        Both(builder, "verifiedGrade", v => v.VerifiedGrade, s => s.VerifiedGrade);
        Both(builder, "price", v => v.Price, s => s.Price);
        Both(builder, "status", v => v.Status, s => s.Status);
        Both(builder, "listedAt", v => v.ListedAt, s => s.ListedAt);
        Both(builder, "soldAt", v => v.SoldAt, s => s.SoldAt);
        Both(builder, "views", v => v.Views, s => s.Views);
        Both(builder, "favorites", v => v.Favorites, s => s.Favorites);
        builder.Field("Item", "category", async context => await GrainLoaders.Category(context, Read(context, v => v.CategoryId, s => s.CategoryId)));
        builder.Field("Item", "region", async context => await GrainLoaders.Region(context, Read(context, v => v.RegionId, s => s.RegionId)));
        builder.Field("Item", "daysListed", context =>
        {
            var now = Now(context);
            var listedAt = Read<DateTimeOffset?>(context, v => v.ListedAt, s => s.ListedAt);
            var soldAt = Read<DateTimeOffset?>(context, v => v.SoldAt, s => s.SoldAt);
            return listedAt is { } listed ? ((soldAt ?? now) - listed).TotalDays : (double?)null;
        });
        ViewOnly(builder, "accessoriesComplete", v => v.AccessoriesComplete);
        ViewOnly(builder, "repairHistory", v => v.RepairHistory);
        Both(builder, "mode", v => v.Mode, s => s.Mode);
        ViewOnly(builder, "rentalTerms", v => v.RentalTerms);
        // Snapshots carry the history (no grain call per listing row); ones stored before it was carried are
        // empty, while an item always has its listing price, so empty means "ask the grain".
        builder.Resolve("Item", "priceHistory", context => context.Source switch
        {
            ItemView view => new ValueTask<object?>(view.PriceHistory),
            ItemSnapshot { PriceHistory.Count: > 0 } snapshot => new ValueTask<object?>(snapshot.PriceHistory),
            ItemSnapshot snapshot => LoadPriceHistoryAsync(context, snapshot.ItemId),
            _ => default,
        });
        builder.Field("Item", "referencePrice", async context =>
        {
            var categoryId = Read(context, v => v.CategoryId, s => s.CategoryId);
            var grade = Read(context, v => v.VerifiedGrade ?? v.ClaimedGrade, s => s.EffectiveGrade);
            return await GrainLoaders.Client(context).GetGrain<ICategoryStatsGrain>(categoryId).GetReferencePriceAsync(grade);
        });
    }

    private static async ValueTask<object?> LoadPriceHistoryAsync(IResolveContext context, string itemId) =>
        (await GrainLoaders.Item(context, itemId))?.PriceHistory;

    private static DateTimeOffset Now(IResolveContext context) =>
        ((TimeProvider?)context.RequestServices?.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow();

    private static void Both<T>(SchemaBuilder builder, string field, Func<ItemView, T> fromView, Func<ItemSnapshot, T> fromSnapshot) =>
        builder.Field("Item", field, context => Read(context, fromView, fromSnapshot));

    private static T Read<T>(IResolveContext context, Func<ItemView, T> fromView, Func<ItemSnapshot, T> fromSnapshot) => context.Source switch
    {
        ItemView view => fromView(view),
        ItemSnapshot snapshot => fromSnapshot(snapshot),
        _ => throw new InvalidOperationException($"Unexpected Item source {context.Source?.GetType().Name}."),
    };

    private static void ViewOnly(SchemaBuilder builder, string field, Func<ItemView, object?> read) =>
        builder.Field("Item", field, async context => context.Source switch
        {
            ItemView view => read(view),
            ItemSnapshot snapshot => await GrainLoaders.Item(context, snapshot.ItemId) is { } loaded ? read(loaded) : null,
            _ => null,
        });
}
