using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Cluster.Tests;

namespace Marketplace.Load;

/// <summary>
/// One user's traffic: browsing (items with filters and a second page now and then, item by id), listing items, and
/// buying: placeOrder, or a bargain (makeOffer below the price, which the seller accepts: the accepted offer places the
/// order at the agreed price), then payOrder, and for some orders ship (as the seller), markDelivered (as the operator,
/// for the carrier's feed) and confirmReceipt. Each order is followed over the user's WebSocket (orderStatusChanged).
/// </summary>
public sealed class SimulatedUser(MarketUser me, Market market, GraphQLCaller caller, ItemPool pool, WriteJournal journal,
    SubscriptionTally subscriptions, Func<bool> keepGoing)
{
    /// <summary>Per connection the gateway allows 100 operations; a user follows its first orders only.</summary>
    private const int MaxFollowedOrders = 20;

    private readonly Random _random = new(me.Index * 7919 + 1);
    private int _orders;
    private int _followed;

    public async Task RunAsync(GraphQLWebSocket? socket)
    {
        while (keepGoing())
        {
            var roll = _random.NextDouble();
            if (roll < 0.40) await BrowseAsync();
            else if (roll < 0.60) await ReadItemAsync();
            else if (roll < 0.78) await ListAsync();
            else await BuyAsync(socket);
            await ThinkAsync();
        }
    }

    private Task ThinkAsync() => Task.Delay(_random.Next(20, 200));

    private async Task BrowseAsync()
    {
        string[] orders = ["NEWEST", "PRICE_ASC", "PRICE_DESC", "MOST_VIEWED"];
        var filter = new JsonObject();
        if (_random.NextDouble() < 0.6) filter["categoryId"] = market.CategoryIds[_random.Next(market.CategoryIds.Length)];
        if (_random.NextDouble() < 0.3) filter["regionId"] = market.RegionIds[_random.Next(market.RegionIds.Length)];
        if (_random.NextDouble() < 0.3) filter["minPrice"] = _random.Next(10, 500).ToString(CultureInfo.InvariantCulture);
        if (_random.NextDouble() < 0.2) filter["grades"] = new JsonArray("NEW", "LIKE_NEW", "EXCELLENT");
        var order = orders[_random.Next(orders.Length)];
        var page = await caller.CallAsync("items", Documents.Items, new { f = filter, o = order, n = 10 }, me.Token);
        if (page.Ok && page.Data!["items"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>() && _random.NextDouble() < 0.3)
            await caller.CallAsync("items", Documents.Items,
                new { f = filter, o = order, n = 10, after = page.Data!["items"]!["pageInfo"]!["endCursor"]!.GetValue<string>() }, me.Token);
    }

    private async Task ReadItemAsync()
    {
        var itemId = pool.AnyItemId(_random);
        if (itemId is not null) await caller.CallAsync("item", Documents.Item, new { id = itemId }, me.Token);
    }

    private async Task ListAsync()
    {
        var result = await caller.CallAsync("listItem", Documents.ListItem, new { i = market.NewListing(_random) }, me.Token, "listItem");
        if (result.Ok)
        {
            var item = result.Data!["listItem"]!["item"]!;
            var itemId = item["id"]!.GetValue<string>();
            journal.Listed(itemId);
            pool.Add(new PooledItem(itemId, me.Index, decimal.Parse(item["price"]!.GetValue<string>(), CultureInfo.InvariantCulture)));
        }
        // listItem has no idempotency key: a retry could list twice, so an unanswered one is only counted.
        else if (result.Uncertain) journal.ListingUnanswered();
    }

    private async Task BuyAsync(GraphQLWebSocket? socket)
    {
        var item = pool.TakeNotListedBy(me.Index, _random);
        if (item is null)
        {
            await BrowseAsync();
            return;
        }
        var key = $"load-{me.Index}-{++_orders}";
        var bargain = _random.NextDouble() < 0.3;
        var track = journal.OrderAttempted(me.Id, key, item.ItemId, item.Price, viaOffer: bargain);
        var seller = market.Users[item.SellerIndex];
        if (!(bargain ? await BargainAsync(track, item, key, seller) : await StepAsync(track, "placeOrder", Documents.PlaceOrder,
                new { i = new { itemId = item.ItemId, idempotencyKey = key } }, me.Token))) return;
        if (socket is not null && _followed < MaxFollowedOrders)
        {
            _followed++;
            subscriptions.Follow("orderStatusChanged", await socket.SubscribeAsync(Documents.OrderStatusChanged, new { id = track.OrderId }));
        }
        // The rest of the flow stops at random points, so the run ends with orders in every status on the path.
        if (_random.NextDouble() < 0.1) return;
        await ThinkAsync();
        if (!await StepAsync(track, "payOrder", Documents.PayOrder, new { i = new { orderId = track.OrderId, idempotencyKey = key + "-pay" } }, me.Token)) return;
        if (_random.NextDouble() < 0.3) return;
        await ThinkAsync();
        if (!await StepAsync(track, "shipOrder", Documents.ShipOrder, new { i = new { orderId = track.OrderId, trackingNumber = "TRK-" + key } }, seller.Token)) return;
        if (_random.NextDouble() < 0.15) return;
        await ThinkAsync();
        if (!await StepAsync(track, "markDelivered", Documents.MarkDelivered, new { i = new { orderId = track.OrderId } }, market.Operator.Token)) return;
        if (_random.NextDouble() < 0.2) return;
        await ThinkAsync();
        await StepAsync(track, "confirmReceipt", Documents.ConfirmReceipt, new { i = new { orderId = track.OrderId } }, me.Token);
    }

    /// <summary>
    /// makeOffer at 90 % of the price (its key makes a retry return the same offer), then the seller ACCEPTs, which places
    /// the order. A lost ACCEPT is sent again; if the first had applied, the second is refused (the offer is no longer
    /// PENDING) and the order stays unacknowledged, though the checks still find it by the offer's id.
    /// </summary>
    private async Task<bool> BargainAsync(OrderTrack track, PooledItem item, string key, MarketUser seller)
    {
        var amount = decimal.Round(item.Price * 0.9m, 2, MidpointRounding.AwayFromZero);
        var offer = await WithRetriesAsync("makeOffer", Documents.MakeOffer, new { i = new { itemId = item.ItemId, amount, idempotencyKey = key } }, me.Token);
        if (offer?["offer"]?["id"]?.GetValue<string>() is not { } offerId) return false;
        await ThinkAsync();
        var accepted = await WithRetriesAsync("respondToOffer", Documents.RespondToOffer, new { i = new { offerId, response = "ACCEPT" } }, seller.Token);
        if (accepted?["offer"]?["order"]?["status"]?.GetValue<string>() is not { } status) return false;
        track.Acknowledge(status);
        return true;
    }

    /// <summary>The payload of a mutation, sent again (up to 3 times) when its answer was lost; null when it failed.</summary>
    private async Task<JsonNode?> WithRetriesAsync(string operation, string document, object variables, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await caller.CallAsync(operation, document, variables, token, operation);
            if (result.Ok) return result.Data![operation];
            if (!result.Uncertain || attempt == 3) return null;
            await Task.Delay(500 * attempt);
        }
    }

    /// <summary>
    /// One order mutation, sent again (up to 3 times) when its answer was lost, as a client would: placeOrder and
    /// payOrder carry idempotency keys; the others are refused as INVALID_STATE if the lost attempt had applied.
    /// Answers whether the flow goes on.
    /// </summary>
    private async Task<bool> StepAsync(OrderTrack track, string operation, string document, object variables, string token)
    {
        if (await WithRetriesAsync(operation, document, variables, token) is not { } payload) return false;
        track.Acknowledge(payload["order"]!["status"]!.GetValue<string>());
        return true;
    }
}
