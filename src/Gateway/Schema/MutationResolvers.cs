using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Loading;
using Marketplace.Gateway.Subscriptions;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Inspections;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.Grains.Interfaces.Users;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

using static Marketplace.Gateway.Schema.Payloads;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Root Mutation fields: the caller is checked against the authorization table first (GraphQL
/// error, nothing changed), then the grain decides; its business errors go into the payload.
/// </summary>
internal static class MutationResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        builder.Field("Mutation", "createUser", async context =>
        {
            var input = context.Input();
            var id = "usr-" + Guid.NewGuid().ToString("N");
            var result = await GrainLoaders.Client(context).GetGrain<IUserGrain>(id).CreateAsync(input.Get<string>("displayName") ?? "", input.Get<string>("regionId"));
            return Payload(result, created => new Dictionary<string, object?> { ["user"] = created.User, ["token"] = created.Token },
                new Dictionary<string, object?> { ["user"] = null, ["token"] = null });
        });
        builder.Field("Mutation", "grantRole", async context =>
        {
            var caller = Access.RequireRole(context, Role.ADMIN);
            var input = context.Input();
            var result = await GrainLoaders.Client(context).GetGrain<IUserGrain>(input.Get<string>("userId")!)
                .GrantRoleAsync(input.Get<Role>("role"), caller.ToCallerContext());
            return Payload(result, "user");
        });
        builder.Field("Mutation", "createCategory", async context =>
        {
            var caller = Access.RequireOperator(context);
            var input = context.Input();
            var command = new CreateCategory(input.Get<string>("name") ?? "", input.Get<string>("parentId"), input.Get<bool?>("highValue") ?? false,
                input.Get<IReadOnlyList<decimal>>("priceBandBounds"));
            var result = await GrainLoaders.Client(context).GetGrain<ICategoryGrain>(input.Get<string>("id")!).CreateAsync(command, caller.ToCallerContext());
            return Payload(result, "category");
        });
        builder.Field("Mutation", "createRegion", async context =>
        {
            var caller = Access.RequireOperator(context);
            var input = context.Input();
            var result = await GrainLoaders.Client(context).GetGrain<IRegionGrain>(input.Get<string>("id")!).CreateAsync(input.Get<string>("name") ?? "", caller.ToCallerContext());
            return Payload(result, "region");
        });

        BindItemMutations(builder);
        BindOrderMutations(builder);
    }

    private static void BindItemMutations(SchemaBuilder builder)
    {
        builder.Field("Mutation", "listItem", async context =>
        {
            var caller = Access.RequireUser(context);
            var command = context.Input<ListItem>();
            var result = await Item(context, "itm-" + Guid.NewGuid().ToString("N")).ListAsync(command, caller.ToCallerContext());
            return Payload(result, "item");
        });
        builder.Field("Mutation", "changePrice", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var input = context.Input();
            var itemId = input.Get<string>("itemId")!;
            var result = await Item(context, itemId).ChangePriceAsync(input.Get<decimal>("price"), caller.ToCallerContext());
            if (result.IsSuccess) Signals(context).Notify(ChangeSignals.ItemKey(itemId));
            return Payload(result, "item");
        });
        builder.Field("Mutation", "delistItem", async context =>
        {
            var caller = Access.RequireAuthenticated(context);
            var result = await Item(context, context.Input().Get<string>("itemId")!).DelistAsync(caller.ToCallerContext());
            return Payload(result, "item");
        });
        builder.Field("Mutation", "recordView", async context =>
        {
            var result = await Item(context, context.Input().Get<string>("itemId")!).RecordViewAsync();
            // With a token the view is also the user's (recommendations learn from it); anyone may still record a view.
            if (result.IsSuccess && Access.Caller(context).UserId is { } viewer)
                await GrainLoaders.Client(context).GetGrain<IBuyerGrain>(viewer).RecordViewAsync(result.Value!.Id);
            return Payload(result, "item");
        });
        builder.Field("Mutation", "favoriteItem", async context =>
        {
            var caller = Access.RequireUser(context);
            return Payload(await Item(context, context.Input().Get<string>("itemId")!).FavoriteAsync(caller.ToCallerContext()), "item");
        });
    }

    private static void BindOrderMutations(SchemaBuilder builder)
    {
        builder.Field("Mutation", "placeOrder", async context =>
        {
            var caller = Access.RequireUser(context);
            var input = context.Input();
            var key = input.Get<string>("idempotencyKey");
            var orderId = OrderIds.ForPlacement(caller.UserId!, key);
            var command = new PlaceOrder(input.Get<string>("itemId")!, input.Get<bool?>("withInspection") ?? false, key);
            return OrderPayload(context, orderId, await Order(context, orderId).PlaceAsync(command, caller.ToCallerContext()));
        });
        OrderMutation(builder, "payOrder", RequireAuthenticated, (order, input, caller) => order.PayAsync(input.Get<string>("idempotencyKey") ?? "", caller));
        OrderMutation(builder, "shipOrder", RequireAuthenticated, (order, input, caller) => order.ShipAsync(input.Get<string>("trackingNumber") ?? "", caller));
        OrderMutation(builder, "receiveForInspection", c => Access.RequireRole(c, Role.INSPECTOR), (order, _, caller) => order.ReceiveForInspectionAsync(caller));
        OrderMutation(builder, "submitInspectionReport", c => Access.RequireRole(c, Role.INSPECTOR), (order, input, caller) => order.SubmitInspectionReportAsync(
            new InspectionReport(input.Get<Grade>("verifiedGrade"), input.Get<bool>("authentic"), input.Get<bool>("matchesDescription"),
                input.Get<bool>("accessoriesComplete"), input.Get<string>("notes")), caller));
        OrderMutation(builder, "markDelivered", Access.RequireOperator, (order, _, caller) => order.MarkDeliveredAsync(caller));
        OrderMutation(builder, "confirmReceipt", RequireAuthenticated, (order, _, caller) => order.ConfirmReceiptAsync(caller));
        OrderMutation(builder, "cancelOrder", RequireAuthenticated, (order, input, caller) => order.CancelAsync(input.Get<string>("reason"), caller));
        OrderMutation(builder, "openDispute", RequireAuthenticated, (order, input, caller) => order.OpenDisputeAsync(input.Get<string>("reason") ?? "", caller));
        OrderMutation(builder, "resolveDispute", Access.RequireOperator, (order, input, caller) =>
            order.ResolveDisputeAsync(input.Get<DisputeOutcome>("outcome"), input.Get<decimal?>("refundAmount"), caller));
        OrderMutation(builder, "rateSeller", RequireAuthenticated, (order, input, caller) => order.RateSellerAsync(input.Get<int>("stars"), caller));
    }

    private static GatewayCaller RequireAuthenticated(IResolveContext context) => Access.RequireAuthenticated(context);

    /// <summary>
    /// An order mutation: the gateway checks what it can know without the order (token, role); the order
    /// grain checks buyer/seller facts and answers FORBIDDEN, which becomes the GraphQL error.
    /// </summary>
    private static void OrderMutation(SchemaBuilder builder, string field, Func<IResolveContext, GatewayCaller> authorize,
        Func<IOrderGrain, IReadOnlyDictionary<string, object?>, CallerContext, Task<Result<OrderView>>> call) =>
        builder.Field("Mutation", field, async context =>
        {
            var caller = authorize(context);
            var input = context.Input();
            var orderId = input.Get<string>("orderId")!;
            var order = Order(context, orderId);
            // An order grain that was never placed has no buyer or seller: answer NOT_FOUND without activating state changes.
            if (await order.GetAsync() is null) return Failed("order", UserError.NotFound($"No order '{orderId}'."));
            return OrderPayload(context, orderId, await call(order, input, caller.ToCallerContext()));
        });

    private static object OrderPayload(IResolveContext context, string orderId, Result<OrderView> result)
    {
        if (result.IsSuccess) Signals(context).Notify(ChangeSignals.OrderKey(orderId));
        return Payload(result, "order");
    }

    private static IItemGrain Item(IResolveContext context, string id) => GrainLoaders.Client(context).GetGrain<IItemGrain>(id);
    private static IOrderGrain Order(IResolveContext context, string id) => GrainLoaders.Client(context).GetGrain<IOrderGrain>(id);
    private static ChangeSignals Signals(IResolveContext context) => context.RequestServices!.GetRequiredService<ChangeSignals>();
}
