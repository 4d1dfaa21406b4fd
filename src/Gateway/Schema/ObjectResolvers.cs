using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.Grains.Interfaces.Users;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Fields of the object types whose source records do not answer them by property name
/// (references to other grains, computed fields, the dashboard and connections).
/// </summary>
internal static class ObjectResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        BindUser(builder);
        BindSellerAndBuyer(builder);
        BindCatalog(builder);
        BindDashboard(builder);
        BindConnection(builder);
    }

    private static void BindUser(SchemaBuilder builder)
    {
        builder.Field("User", "region", async context => context.SourceAs<UserView>().RegionId is { } regionId ? await GrainLoaders.Region(context, regionId) : null);
        builder.Field("User", "asSeller", context => new SellerRef(context.SourceAs<UserView>().Id));
        builder.Field("User", "asBuyer", async context =>
        {
            var user = context.SourceAs<UserView>();
            var caller = Access.RequireAuthenticated(context);
            if (!caller.Is(user.Id) && !caller.IsOperatorOrAdmin) throw Access.Deny("Only that buyer, operators and admins see a buyer.");
            return await GrainLoaders.Buyer(context, user.Id);
        });
    }

    private static void BindSellerAndBuyer(SchemaBuilder builder)
    {
        builder.Field("Seller", "id", context => context.SourceAs<SellerRef>().Id);
        builder.Field("Seller", "displayName", async context => (await GrainLoaders.User(context, context.SourceAs<SellerRef>().Id))?.DisplayName ?? "");
        // Listing pages ask these of every row: answer without an async state machine once the profile is loaded.
        builder.Resolve("Seller", "creditScore", context => FromProfile(context, static p => p.CreditScore));
        builder.Resolve("Seller", "creditBand", context => FromProfile(context, static p => p.CreditBand));
        builder.Field("Seller", "level", async context => (await Profile(context)).Level);
        builder.Field("Seller", "stats", async context => (await Profile(context)).Stats);
        builder.Field("Seller", "creditFactors", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var id = context.SourceAs<SellerRef>().Id;
            if (!caller.Is(id) && !caller.IsOperatorOrAdmin) throw Access.Deny("Credit factors are for the seller themself and operators.");
            return (await GrainLoaders.Seller(context, id))?.CreditFactors;
        });
        builder.Field("Seller", "items", context =>
        {
            var status = context.GetArgument<ItemStatus?>("status");
            return QueryResolvers.QueryItemsAsync(context, new ListingQuery(SellerId: context.SourceAs<SellerRef>().Id, Status: status));
        });

        builder.Field("Buyer", "id", context => context.SourceAs<BuyerView>().BuyerId);
        builder.Field("Buyer", "favorites", async context =>
        {
            var items = await Task.WhenAll(context.SourceAs<BuyerView>().FavoriteItemIds.Select(id => GrainLoaders.Item(context, id)));
            return items.Where(i => i is not null).ToArray();
        });
    }

    private static ValueTask<object?> FromProfile(IResolveContext context, Func<Grains.Interfaces.Trust.SellerProfile, object?> read)
    {
        var loading = LoadProfile(context);
        return loading.IsCompletedSuccessfully ? new ValueTask<object?>(read(loading.Result ?? throw NoProfile())) : Awaited(loading, read);

        static async ValueTask<object?> Awaited(Task<Grains.Interfaces.Trust.SellerProfile?> loading, Func<Grains.Interfaces.Trust.SellerProfile, object?> read) =>
            read(await loading ?? throw NoProfile());
    }

    private static async Task<Grains.Interfaces.Trust.SellerProfile> Profile(IResolveContext context) =>
        await LoadProfile(context) ?? throw NoProfile();

    private static Task<Grains.Interfaces.Trust.SellerProfile?> LoadProfile(IResolveContext context)
    {
        var seller = context.SourceAs<SellerRef>();
        return seller.IsCard ? GrainLoaders.SellerCard(context, seller.Id) : GrainLoaders.Seller(context, seller.Id);
    }

    private static InvalidOperationException NoProfile() => new("The seller grain returned no profile.");

    private static void BindCatalog(SchemaBuilder builder)
    {
        builder.Field("Category", "parent", async context => context.SourceAs<CategoryView>().ParentId is { } parentId ? await GrainLoaders.Category(context, parentId) : null);
        builder.Field("Category", "stats", context =>
        {
            var category = context.SourceAs<CategoryView>();
            var grain = GrainLoaders.Client(context).GetGrain<ICategoryStatsGrain>(category.Id);
            return new StatsSource(grain.GetStatsAsync, Window(context), category.PriceBandBounds);
        });
        builder.Field("Category", "referencePrices", async context =>
            await GrainLoaders.Client(context).GetGrain<ICategoryStatsGrain>(context.SourceAs<CategoryView>().Id).GetReferencePricesAsync());
        builder.Field("Region", "stats", context =>
        {
            var grain = GrainLoaders.Client(context).GetGrain<IRegionStatsGrain>(context.SourceAs<RegionView>().Id);
            return new StatsSource(grain.GetStatsAsync, Window(context), null);
        });

        // MarketStats: every field reads the figures fetched once; daily(days) may fetch another length.
        foreach (var (field, read) in MarketStatsFields)
            builder.Field("MarketStats", field, async context => read(await context.SourceAs<StatsSource>().GetAsync()));
        builder.Field("MarketStats", "daily", async context =>
        {
            var days = context.GetArgument("days", StatsSource.DefaultDailyDays);
            if (days is < 0 or > 3660)
                throw new GraphQLException("days must be between 0 and 3660.", "INVALID_INPUT", new Dictionary<string, object?> { ["field"] = new[] { "days" } });
            return (await context.SourceAs<StatsSource>().GetAsync(days)).Daily;
        });
    }

    private static readonly (string Field, Func<MarketStats, object?> Read)[] MarketStatsFields =
    [
        ("activeListings", s => s.ActiveListings), ("newListings", s => s.NewListings), ("sold", s => s.Sold), ("gmv", s => s.Gmv),
        ("sellThroughRate", s => s.SellThroughRate), ("avgDaysToSell", s => s.AvgDaysToSell), ("medianDaysToSell", s => s.MedianDaysToSell),
        ("ageing", s => s.Ageing), ("priceBands", s => s.PriceBands), ("gradeMix", s => s.GradeMix), ("views", s => s.Views),
        ("conversionRate", s => s.ConversionRate), ("disputeRate", s => s.DisputeRate), ("refundRate", s => s.RefundRate),
        ("inspectionPassRate", s => s.InspectionPassRate), ("slowMoving", s => s.SlowMoving), ("rentals", s => s.Rentals),
    ];

    private static StatsWindow Window(IResolveContext context) => context.GetArgument("window", StatsWindow.Days30);

    private static void BindDashboard(SchemaBuilder builder)
    {
        static Grains.Interfaces.Analytics.IPlatformDashboardGrain Dashboard(IResolveContext context) =>
            GrainLoaders.Client(context).GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);

        builder.Field("Dashboard", "stats", context => new StatsSource(Dashboard(context).GetStatsAsync, Window(context), null));
        builder.Field("Dashboard", "topCategories", async context =>
        {
            var ranking = await Dashboard(context).GetTopCategoriesAsync(First(context, 5));
            var categories = await Task.WhenAll(ranking.Select(r => GrainLoaders.Category(context, r.Id)));
            return categories.Where(c => c is not null).ToArray();
        });
        builder.Field("Dashboard", "topRegions", async context =>
        {
            var ranking = await Dashboard(context).GetTopRegionsAsync(First(context, 5));
            var regions = await Task.WhenAll(ranking.Select(r => GrainLoaders.Region(context, r.Id)));
            return regions.Where(r => r is not null).ToArray();
        });
        builder.Field("Dashboard", "alerts", async context => await Dashboard(context).GetAlertsAsync(First(context, 50)));
        builder.Field("Alert", "item", async context => context.SourceAs<Alert>().ItemId is { } id ? await GrainLoaders.Item(context, id) : null);
        builder.Field("Alert", "seller", context => context.SourceAs<Alert>().SellerId is { } id ? new SellerRef(id) : null);
        builder.Field("Alert", "category", async context => context.SourceAs<Alert>().CategoryId is { } id ? await GrainLoaders.Category(context, id) : null);
    }

    private static int First(IResolveContext context, int fallback)
    {
        var first = context.GetArgument("first", fallback);
        return first is < 0 or > QueryResolvers.MaxPageSize
            ? throw new GraphQLException($"first must be between 0 and {QueryResolvers.MaxPageSize}.", "INVALID_INPUT", new Dictionary<string, object?> { ["field"] = new[] { "first" } })
            : first;
    }

    private static void BindConnection(SchemaBuilder builder)
    {
        builder.Field("ItemConnection", "edges", context => context.SourceAs<ItemConnectionPage>().Page.Edges);
        builder.Field("ItemConnection", "nodes", context => context.SourceAs<ItemConnectionPage>().Page.Edges.Select(e => e.Item).ToArray());
        builder.Field("ItemConnection", "pageInfo", context => context.SourceAs<ItemConnectionPage>().Page);
        builder.Field("ItemConnection", "totalCount", context => context.SourceAs<ItemConnectionPage>().Page.TotalCount);
        builder.Field("ItemEdge", "node", context => context.SourceAs<ListingEdge>().Item);
    }
}
