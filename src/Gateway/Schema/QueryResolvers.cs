using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Listings;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Schema;

/// <summary>Root Query fields.</summary>
internal static class QueryResolvers
{
    public const int MaxPageSize = 100;

    public static void Bind(SchemaBuilder builder)
    {
        builder.Field("Query", "viewer", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            return caller.UserId is null ? null : await GrainLoaders.User(context, caller.UserId);
        });
        builder.Field("Query", "user", async context => await GrainLoaders.User(context, context.GetArgument<string>("id")!));
        builder.Field("Query", "item", async context => await GrainLoaders.Item(context, context.GetArgument<string>("id")!));
        builder.Field("Query", "items", context =>
        {
            var filter = context.Arguments.TryGetValue("filter", out var f) ? f as IReadOnlyDictionary<string, object?> : null;
            var query = ToListingQuery(filter);
            return QueryItemsAsync(context, query);
        });
        builder.Field("Query", "seller", async context =>
        {
            var id = context.GetArgument<string>("id")!;
            return await GrainLoaders.User(context, id) is null ? null : new SellerRef(id);
        });
        builder.Field("Query", "buyer", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var id = context.GetArgument<string>("id")!;
            if (!caller.Is(id) && !caller.IsOperatorOrAdmin) throw Access.Deny("Only that buyer, operators and admins see a buyer.");
            return await GrainLoaders.User(context, id) is null ? null : await GrainLoaders.Buyer(context, id);
        });
        builder.Field("Query", "category", async context => await GrainLoaders.Category(context, context.GetArgument<string>("id")!));
        builder.Field("Query", "categories", async context =>
            await GrainLoaders.Client(context).GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key).GetCategoriesAsync());
        builder.Field("Query", "region", async context => await GrainLoaders.Region(context, context.GetArgument<string>("id")!));
        builder.Field("Query", "regions", async context =>
            await GrainLoaders.Client(context).GetGrain<ICatalogRegistryGrain>(ICatalogRegistryGrain.Key).GetRegionsAsync());
        builder.Field("Query", "order", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var order = await GrainLoaders.Order(context, context.GetArgument<string>("id")!);
            if (order is null) return null;
            if (!caller.Is(order.BuyerId) && !caller.Is(order.SellerId) && !caller.IsOperatorOrAdmin)
                throw Access.Deny("Only the order's buyer and seller, operators and admins see an order.");
            return order;
        });
        builder.Field("Query", "priceSuggestion", async context =>
            await GrainLoaders.Client(context).GetGrain<ICategoryStatsGrain>(context.GetArgument<string>("categoryId")!)
                .GetReferencePriceAsync(context.GetArgument<Grade>("grade")));
        builder.Field("Query", "dashboard", context =>
        {
            Access.RequireOperator(context);
            return DashboardRoot.Instance;
        });
    }

    /// <summary>The contract's ItemFilter onto a projection query; no filter at all means status LISTED.</summary>
    public static ListingQuery ToListingQuery(IReadOnlyDictionary<string, object?>? filter)
    {
        if (filter is null) return new ListingQuery(Status: ItemStatus.LISTED);
        return new ListingQuery(
            CategoryId: filter.Get<string>("categoryId"),
            RegionId: filter.Get<string>("regionId"),
            SellerId: filter.Get<string>("sellerId"),
            Grades: filter.Get<IReadOnlyList<Grade>>("grades"),
            MinPrice: filter.Get<decimal?>("minPrice"),
            MaxPrice: filter.Get<decimal?>("maxPrice"),
            Status: filter.Get<ItemStatus?>("status"),
            Text: filter.Get<string>("text"),
            Mode: filter.Get<ListingMode?>("mode"));
    }

    /// <summary>One connection page: validates paging arguments, asks the listing index of the query's scope (the projection in memory).</summary>
    public static async Task<object?> QueryItemsAsync(IResolveContext context, ListingQuery query)
    {
        var first = context.GetArgument("first", 20);
        if (first is < 0 or > MaxPageSize)
            throw InputErrors.Invalid($"first must be between 0 and {MaxPageSize}.", "first");
        if (query.MinPrice < 0) throw InputErrors.Invalid("minPrice must not be negative.", "filter", "minPrice");
        if (query.MaxPrice < 0) throw InputErrors.Invalid("maxPrice must not be negative.", "filter", "maxPrice");
        if (query.MinPrice > query.MaxPrice) throw InputErrors.Invalid("minPrice is above maxPrice.", "filter", "minPrice");
        var order = context.HasArgument("orderBy") ? context.GetArgument("orderBy", ListingOrder.Newest) : ListingOrder.Newest;
        query = query with { OrderBy = order, First = Math.Max(first, 1), After = context.GetArgument<string>("after") };
        try
        {
            var page = await GrainLoaders.Client(context).GetGrain<IListingIndexGrain>(ListingIndexKeys.For(query)).QueryAsync(query);
            if (first == 0) page = page with { Edges = [], HasNextPage = page.TotalCount > 0 };
            return new ItemConnectionPage(page);
        }
        catch (ArgumentException ex)
        {
            throw InputErrors.FromListingQuery(ex);
        }
    }
}
