using Marketplace.Gateway.Loading;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.Interfaces.Orders;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Types;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Order fields. An Order is either the order grain's <see cref="OrderView"/> (order(id), mutations,
/// subscriptions) or, in order lists, the projection's <see cref="OrderListRow"/>. Why both: a list page
/// answers what the row holds (id, status, price, withInspection, item / buyer / seller) without touching an
/// order grain, so listing among 100,000 orders activates none; the row's status is also the one the list
/// was filtered by, so a page of COMPLETED orders never shows another status while the projection catches
/// up (it lags the grain by at most the 2 s the contract allows). What only the grain knows (fee, history,
/// ledger, inspection, dispute, deadline, rating) loads the page's order grains, batched into one round.
/// </summary>
internal static class OrderResolvers
{
    public static void Bind(SchemaBuilder builder)
    {
        Both(builder, "id", v => v.Id, r => r.OrderId);
        Both(builder, "status", v => v.Status, r => r.Status);
        Both(builder, "price", v => v.Price, r => r.Price);
        Both(builder, "withInspection", v => v.WithInspection, r => r.WithInspection);
        Both(builder, "seller", v => new SellerRef(v.SellerId), r => new SellerRef(r.SellerId));
        builder.Field("Order", "item", async context => await GrainLoaders.Item(context, Read(context, v => v.ItemId, r => r.ItemId)));
        builder.Field("Order", "buyer", async context => await GrainLoaders.Buyer(context, Read(context, v => v.BuyerId, r => r.BuyerId)));
        ViewOnly(builder, "fee", v => v.Fee);
        ViewOnly(builder, "inspection", v => v.Inspection);
        ViewOnly(builder, "deadline", v => v.Deadline);
        ViewOnly(builder, "history", v => v.History);
        ViewOnly(builder, "ledger", v => v.Ledger);
        ViewOnly(builder, "dispute", v => v.Dispute);
        ViewOnly(builder, "rating", v => v.Rating);
    }

    private static void Both<T>(SchemaBuilder builder, string field, Func<OrderView, T> fromView, Func<OrderListRow, T> fromRow) =>
        builder.Field("Order", field, context => Read(context, fromView, fromRow));

    private static T Read<T>(IResolveContext context, Func<OrderView, T> fromView, Func<OrderListRow, T> fromRow) => context.Source switch
    {
        OrderView view => fromView(view),
        OrderListRow row => fromRow(row),
        _ => throw new InvalidOperationException($"Unexpected Order source {context.Source?.GetType().Name}."),
    };

    private static void ViewOnly(SchemaBuilder builder, string field, Func<OrderView, object?> read) =>
        builder.Resolve("Order", field, context => context.Source switch
        {
            OrderView view => new ValueTask<object?>(read(view)),
            OrderListRow row => LoadAsync(context, row.OrderId, read),
            _ => default,
        });

    private static async ValueTask<object?> LoadAsync(IResolveContext context, string orderId, Func<OrderView, object?> read) =>
        await GrainLoaders.Order(context, orderId) is { } view ? read(view) : null;
}
