using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// The order lists (Query.orders, Seller.sales, Buyer.purchases): who may read which list is decided here, per
/// the contract's table; the rows come from the order-list index (<see cref="IOrderListIndexGrain"/>).
/// </summary>
internal static class OrderListResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.Field("Query", "orders", context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var query = ToOrderListQuery(context.Arguments.TryGetValue("filter", out var f) ? f as IReadOnlyDictionary<string, object?> : null);
            if (!caller.IsOperatorOrAdmin)
            {
                if (!caller.Has(Role.INSPECTOR)) throw Access.Deny("Order lists are for operators, admins and (orders with inspection) inspectors.");
                // An inspector reads orders with inspection only: the list is their filter within that, so an
                // explicit withInspection: false is an empty list (not a silently different one), and no filter
                // at all means every inspection order.
                if (query.WithInspection == false) return QueryAsync(context, query, nothing: true);
                query = query with { WithInspection = true };
            }
            return QueryAsync(context, query);
        });

        builder.Field("Seller", "sales", context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var sellerId = context.SourceAs<SellerRef>().Id;
            if (!caller.Is(sellerId) && !caller.IsOperatorOrAdmin) throw Access.Deny("Sales are for the seller themself, operators and admins.");
            return QueryAsync(context, new OrderListQuery(Statuses: StatusArgument(context), SellerId: sellerId));
        });

        // A Buyer is reached only through buyer(id) or User.asBuyer, which already check; checked again so the
        // field stays safe should another path to a Buyer appear.
        builder.Field("Buyer", "purchases", context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var buyerId = context.SourceAs<BuyerView>().BuyerId;
            if (!caller.Is(buyerId) && !caller.IsOperatorOrAdmin) throw Access.Deny("Purchases are for that buyer, operators and admins.");
            return QueryAsync(context, new OrderListQuery(Statuses: StatusArgument(context), BuyerId: buyerId));
        });

        builder.Field("OrderConnection", "edges", context => context.SourceAs<OrderConnectionPage>().Page.Edges);
        builder.Field("OrderConnection", "nodes", context => context.SourceAs<OrderConnectionPage>().Page.Edges.Select(e => e.Row).ToArray());
        builder.Field("OrderConnection", "pageInfo", context => context.SourceAs<OrderConnectionPage>().Page);
        builder.Field("OrderConnection", "totalCount", context => context.SourceAs<OrderConnectionPage>().Page.TotalCount);
        builder.Field("OrderEdge", "node", context => context.SourceAs<OrderListEdge>().Row);
    }

    /// <summary>The contract's OrderFilter onto an index query (no filter: every order).</summary>
    public static OrderListQuery ToOrderListQuery(IReadOnlyDictionary<string, object?>? filter) => filter is null ? new OrderListQuery() : new OrderListQuery(
        Statuses: filter.Get<IReadOnlyList<OrderStatus>>("status"),
        WithInspection: filter.Get<bool?>("withInspection"),
        SellerId: filter.Get<string>("sellerId"),
        BuyerId: filter.Get<string>("buyerId"),
        CategoryId: filter.Get<string>("categoryId"),
        RegionId: filter.Get<string>("regionId"));

    private static IReadOnlyList<OrderStatus>? StatusArgument(IResolveContext context) =>
        context.GetArgument<OrderStatus?>("status") is { } status ? [status] : null;

    /// <summary>One page: paging arguments as for items; <paramref name="nothing"/> answers an empty list the caller may not widen.</summary>
    private static async Task<object?> QueryAsync(IResolveContext context, OrderListQuery query, bool nothing = false)
    {
        var first = context.GetArgument("first", 20);
        if (first is < 0 or > QueryResolvers.MaxPageSize)
            throw InputErrors.Invalid($"first must be between 0 and {QueryResolvers.MaxPageSize}.", "first");
        query = query with { First = Math.Max(first, 1), After = context.GetArgument<string>("after") };
        if (nothing) return new OrderConnectionPage(OrderListPage.Empty(query.After is not null));
        try
        {
            var page = await GrainLoaders.Client(context).GetGrain<IOrderListIndexGrain>(IOrderListIndexGrain.All).QueryAsync(query);
            if (first == 0) page = page with { Edges = [], HasNextPage = page.TotalCount > 0 };
            return new OrderConnectionPage(page);
        }
        catch (ArgumentException ex)
        {
            throw InputErrors.FromOrderListQuery(ex);
        }
    }
}
