using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Offers;

/// <summary>Offers, bargaining and auto markdown through GraphQL over HTTP: the contract's rules, authorization rows and error codes.</summary>
[Collection(GatewayCollection.Name)]
public sealed class OfferFlowTests(GatewayFixture fixture)
{
    private readonly Market _market = fixture.Market;
    private GraphQLHttpClient Client => _market.Client;

    private const string OfferFields = "id buyerId buyerDisplayName amount counterAmount message status createdAt expiresAt item { id price status } order { id status price }";

    private Task<GraphQLResponse> MakeOfferAsync(string token, string itemId, string amount, string? key = null) =>
        Client.PostAsync($"mutation($i: MakeOfferInput!) {{ makeOffer(input: $i) {{ offer {{ {OfferFields} }} errors {{ code message field }} }} }}",
            new { i = new { itemId, amount, message = "still available?", idempotencyKey = key } }, token);

    private Task<GraphQLResponse> RespondAsync(string token, string offerId, string response, string? counterAmount = null) =>
        Client.PostAsync($"mutation($i: RespondToOfferInput!) {{ respondToOffer(input: $i) {{ offer {{ {OfferFields} }} errors {{ code message field }} }} }}",
            new { i = new { offerId, response, counterAmount } }, token);

    private Task<GraphQLResponse> WithdrawAsync(string token, string offerId) =>
        Client.PostAsync($"mutation($i: OfferIdInput!) {{ withdrawOffer(input: $i) {{ offer {{ {OfferFields} }} errors {{ code message field }} }} }}",
            new { i = new { offerId } }, token);

    private Task<GraphQLResponse> ItemDealsAsync(string itemId, string? token, string? status = null) =>
        Client.PostAsync("query($id: ID!, $s: OfferStatus) { item(id: $id) { price status openOffers offers(status: $s) { id buyerId status amount } bargaining { autoAcceptAt autoDeclineBelow } autoMarkdown { percent floor nextAt } } }",
            new { id = itemId, s = status }, token);

    private static string Id(JsonNode node) => node["id"]!.GetValue<string>();

    [Fact]
    public async Task Counter_and_accept_place_the_order_at_the_agreed_price_and_decline_the_rest()
    {
        var deal = await _market.NewDealAsync("100.00");
        var other = await _market.CreateUserAsync("other buyer");
        var offer = (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "80.00", "k1")).Payload("makeOffer", "offer");
        Assert.Equal(("PENDING", "80.00", "buyer", deal.Buyer.Id), (offer["status"]!.GetValue<string>(), offer["amount"]!.GetValue<string>(),
            offer["buyerDisplayName"]!.GetValue<string>(), offer["buyerId"]!.GetValue<string>()));
        Assert.Null(offer["order"]);
        // The same key returns the same offer.
        Assert.Equal(Id(offer), Id((await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "80.00", "k1")).Payload("makeOffer", "offer")));
        var otherOffer = (await MakeOfferAsync(other.Token, deal.ItemId, "70.00")).Payload("makeOffer", "offer");

        // The seller sees both, each buyer their own, anyone else nothing; everyone sees the count.
        var seen = (await ItemDealsAsync(deal.ItemId, deal.Seller.Token)).Ok()["item"]!;
        Assert.Equal(2, seen["openOffers"]!.GetValue<int>());
        Assert.Equal([Id(otherOffer), Id(offer)], seen["offers"]!.AsArray().Select(o => Id(o!)));
        Assert.Equal([Id(offer)], (await ItemDealsAsync(deal.ItemId, deal.Buyer.Token)).Ok()["item"]!["offers"]!.AsArray().Select(o => Id(o!)));
        var anonymous = (await ItemDealsAsync(deal.ItemId, null)).Ok()["item"]!;
        Assert.Equal((2, 0), (anonymous["openOffers"]!.GetValue<int>(), anonymous["offers"]!.AsArray().Count));

        var countered = (await RespondAsync(deal.Seller.Token, Id(offer), "COUNTER", "90.00")).Payload("respondToOffer", "offer");
        Assert.Equal(("COUNTERED", "90.00"), (countered["status"]!.GetValue<string>(), countered["counterAmount"]!.GetValue<string>()));
        var accepted = (await RespondAsync(deal.Buyer.Token, Id(offer), "ACCEPT")).Payload("respondToOffer", "offer");

        Assert.Equal("ACCEPTED", accepted["status"]!.GetValue<string>());
        Assert.Equal(("AWAITING_PAYMENT", "90.00"), (accepted["order"]!["status"]!.GetValue<string>(), accepted["order"]!["price"]!.GetValue<string>()));
        Assert.Equal(("RESERVED", "90.00"), (accepted["item"]!["status"]!.GetValue<string>(), accepted["item"]!["price"]!.GetValue<string>()));
        var item = await _market.ItemAsync(deal.ItemId);
        Assert.Equal("OFFER_ACCEPTED", item["priceHistory"]!.AsArray()[^1]!["reason"]!.GetValue<string>());
        var declined = (await ItemDealsAsync(deal.ItemId, deal.Seller.Token, "DECLINED")).Ok()["item"]!;
        Assert.Equal([Id(otherOffer)], declined["offers"]!.AsArray().Select(o => Id(o!)));
        Assert.Equal(0, declined["openOffers"]!.GetValue<int>());

        // The order is the buyer's like any other, and the buyer's offers list it.
        var order = await _market.OrderAsync(accepted["order"]!["id"]!.GetValue<string>(), deal.Buyer.Token);
        Assert.Equal(deal.Buyer.Id, order["buyer"]!["id"]!.GetValue<string>());
        var buyerOffers = (await Client.PostAsync("query($id: ID!) { buyer(id: $id) { offers { id status } accepted: offers(status: ACCEPTED) { id } pending: offers(status: PENDING) { id } } }",
            new { id = deal.Buyer.Id }, deal.Buyer.Token)).Ok()["buyer"]!;
        Assert.Equal([Id(offer)], buyerOffers["offers"]!.AsArray().Select(o => Id(o!)));
        Assert.Equal(Id(offer), Id(Assert.Single(buyerOffers["accepted"]!.AsArray())!));
        Assert.Empty(buyerOffers["pending"]!.AsArray());
    }

    [Fact]
    public async Task Offer_query_is_for_the_buyer_the_seller_and_operators()
    {
        var deal = await _market.NewDealAsync();
        var stranger = await _market.CreateUserAsync("stranger");
        var (_, operatorToken) = await _market.CreateUserWithRoleAsync("OPERATOR");
        var offerId = Id((await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "50.00")).Payload("makeOffer", "offer"));
        const string query = "query($id: ID!) { offer(id: $id) { id status } }";

        foreach (var token in new[] { deal.Buyer.Token, deal.Seller.Token, operatorToken, _market.Admin })
            Assert.Equal(offerId, Id((await Client.PostAsync(query, new { id = offerId }, token)).Ok()["offer"]!));
        var refused = await Client.PostAsync(query, new { id = offerId }, stranger.Token);
        Assert.Equal(["FORBIDDEN"], refused.ErrorCodes);
        Assert.Null(refused.Data!["offer"]);
        Assert.Equal(["UNAUTHENTICATED"], (await Client.PostAsync(query, new { id = offerId })).ErrorCodes);
        Assert.Null((await Client.PostAsync(query, new { id = "ofr-missing" }, deal.Buyer.Token)).Ok()["offer"]);
    }

    [Fact]
    public async Task Authorization_rows_of_the_offer_mutations()
    {
        var deal = await _market.NewDealAsync();
        var stranger = await _market.CreateUserAsync("stranger");

        Assert.Equal(["UNAUTHENTICATED"], (await MakeOfferAsync(null!, deal.ItemId, "50.00")).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await MakeOfferAsync(_market.Admin, deal.ItemId, "50.00")).ErrorCodes); // no user behind the admin token
        Assert.Equal(["FORBIDDEN"], (await MakeOfferAsync(deal.Seller.Token, deal.ItemId, "50.00")).ErrorCodes); // not on their own item

        var offerId = Id((await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "50.00")).Payload("makeOffer", "offer"));
        Assert.Equal(["FORBIDDEN"], (await RespondAsync(stranger.Token, offerId, "ACCEPT")).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await RespondAsync(deal.Buyer.Token, offerId, "ACCEPT")).ErrorCodes); // a PENDING offer is the seller's to answer
        Assert.Equal(["UNAUTHENTICATED"], (await RespondAsync(null!, offerId, "DECLINE")).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await WithdrawAsync(deal.Seller.Token, offerId)).ErrorCodes);
        (await RespondAsync(deal.Seller.Token, offerId, "COUNTER", "60.00")).Payload("respondToOffer", "offer");
        Assert.Equal(["FORBIDDEN"], (await RespondAsync(deal.Seller.Token, offerId, "ACCEPT")).ErrorCodes); // a COUNTERED offer is the buyer's
        Assert.Equal("COUNTERED", (await Client.PostAsync("query($id: ID!) { offer(id: $id) { status } }", new { id = offerId }, deal.Buyer.Token)).Ok()["offer"]!["status"]!.GetValue<string>());

        foreach (var (mutation, input, type) in new (string, object, string)[]
        {
            ("setBargaining", new { itemId = deal.ItemId, autoAcceptAt = "90.00" }, "SetBargainingInput"),
            ("setAutoMarkdown", new { itemId = deal.ItemId, percent = 10.0, floor = "50.00" }, "SetAutoMarkdownInput"),
            ("cancelAutoMarkdown", new { itemId = deal.ItemId }, "ItemIdInput"),
        })
        {
            var document = $"mutation($i: {type}!) {{ {mutation}(input: $i) {{ item {{ id }} errors {{ code }} }} }}";
            Assert.Equal(["FORBIDDEN"], (await Client.PostAsync(document, new { i = input }, deal.Buyer.Token)).ErrorCodes);
            Assert.Equal(["UNAUTHENTICATED"], (await Client.PostAsync(document, new { i = input })).ErrorCodes);
            (await Client.PostAsync(document, new { i = input }, deal.Seller.Token)).Payload(mutation, "item");
        }
    }

    [Fact]
    public async Task Business_errors_come_back_in_the_payload()
    {
        var deal = await _market.NewDealAsync("100.00");
        var amountError = (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "100.00")).Ok()["makeOffer"]!["errors"]![0]!;
        Assert.Equal("INVALID_INPUT", amountError["code"]!.GetValue<string>());
        Assert.Equal(["input", "amount"], amountError["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("INVALID_INPUT", (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "0.00")).PayloadError("makeOffer", "offer"));
        Assert.Equal("NOT_FOUND", (await MakeOfferAsync(deal.Buyer.Token, "itm-missing", "10.00")).PayloadError("makeOffer", "offer"));
        Assert.Equal("NOT_FOUND", (await RespondAsync(deal.Seller.Token, "ofr-missing", "ACCEPT")).PayloadError("respondToOffer", "offer"));
        Assert.Equal("NOT_FOUND", (await WithdrawAsync(deal.Buyer.Token, "ofr-missing")).PayloadError("withdrawOffer", "offer"));

        var offerId = Id((await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "80.00", "a")).Payload("makeOffer", "offer"));
        Assert.Equal("INVALID_STATE", (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "81.00", "b")).PayloadError("makeOffer", "offer"));
        Assert.Equal("IDEMPOTENCY_CONFLICT", (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "82.00", "a")).PayloadError("makeOffer", "offer"));
        Assert.Equal("INVALID_INPUT", (await RespondAsync(deal.Seller.Token, offerId, "COUNTER", "79.00")).PayloadError("respondToOffer", "offer"));
        Assert.Equal("INVALID_INPUT", (await RespondAsync(deal.Seller.Token, offerId, "COUNTER")).PayloadError("respondToOffer", "offer"));

        // Someone orders at the list price first: the acceptance fails and the offer stays PENDING.
        var other = await _market.CreateUserAsync("quick");
        (await _market.PlaceOrderAsync(other.Token, deal.ItemId)).Payload("placeOrder", "order");
        Assert.Equal("ITEM_NOT_AVAILABLE", (await RespondAsync(deal.Seller.Token, offerId, "ACCEPT")).PayloadError("respondToOffer", "offer"));
        Assert.Equal("PENDING", (await Client.PostAsync("query($id: ID!) { offer(id: $id) { status } }", new { id = offerId }, deal.Buyer.Token)).Ok()["offer"]!["status"]!.GetValue<string>());
        Assert.Equal("WITHDRAWN", (await WithdrawAsync(deal.Buyer.Token, offerId)).Payload("withdrawOffer", "offer")["status"]!.GetValue<string>());
        Assert.Equal("INVALID_STATE", (await WithdrawAsync(deal.Buyer.Token, offerId)).PayloadError("withdrawOffer", "offer"));
        Assert.Equal("ITEM_NOT_AVAILABLE", (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "80.00", "c")).PayloadError("makeOffer", "offer"));
    }

    [Fact]
    public async Task Bargaining_policy_and_markdown_schedule_are_shown_to_the_seller_and_operators_only()
    {
        var deal = await _market.NewDealAsync("100.00");
        var (_, operatorToken) = await _market.CreateUserWithRoleAsync("OPERATOR");
        const string setBargaining = "mutation($i: SetBargainingInput!) { setBargaining(input: $i) { item { id bargaining { autoAcceptAt autoDeclineBelow } } errors { code field } } }";
        const string setMarkdown = "mutation($i: SetAutoMarkdownInput!) { setAutoMarkdown(input: $i) { item { id autoMarkdown { percent floor nextAt } } errors { code field } } }";

        Assert.Equal("INVALID_INPUT", (await Client.PostAsync(setBargaining, new { i = new { itemId = deal.ItemId, autoAcceptAt = "60.00", autoDeclineBelow = "70.00" } }, deal.Seller.Token))
            .PayloadError("setBargaining", "item"));
        var policy = (await Client.PostAsync(setBargaining, new { i = new { itemId = deal.ItemId, autoAcceptAt = "90.00", autoDeclineBelow = "40.00" } }, deal.Seller.Token))
            .Payload("setBargaining", "item")["bargaining"]!;
        Assert.Equal(("90.00", "40.00"), (policy["autoAcceptAt"]!.GetValue<string>(), policy["autoDeclineBelow"]!.GetValue<string>()));

        Assert.Equal("INVALID_INPUT", (await Client.PostAsync(setMarkdown, new { i = new { itemId = deal.ItemId, percent = 60.0, floor = "50.00" } }, deal.Seller.Token))
            .PayloadError("setAutoMarkdown", "item"));
        Assert.Equal("INVALID_INPUT", (await Client.PostAsync(setMarkdown, new { i = new { itemId = deal.ItemId, percent = 10.0, floor = "100.00" } }, deal.Seller.Token))
            .PayloadError("setAutoMarkdown", "item"));
        var schedule = (await Client.PostAsync(setMarkdown, new { i = new { itemId = deal.ItemId, percent = 12.5, floor = "50.00" } }, deal.Seller.Token))
            .Payload("setAutoMarkdown", "item")["autoMarkdown"]!;
        Assert.Equal((12.5, "50.00"), (schedule["percent"]!.GetValue<double>(), schedule["floor"]!.GetValue<string>()));
        Assert.NotNull(schedule["nextAt"]);

        var forOperator = (await ItemDealsAsync(deal.ItemId, operatorToken)).Ok()["item"]!;
        Assert.NotNull(forOperator["bargaining"]);
        Assert.NotNull(forOperator["autoMarkdown"]);
        foreach (var token in new[] { deal.Buyer.Token, null })
        {
            var forOthers = (await ItemDealsAsync(deal.ItemId, token)).Ok()["item"]!;
            Assert.Null(forOthers["bargaining"]);
            Assert.Null(forOthers["autoMarkdown"]);
        }

        // The policy answers at once: below 40 declined, from 90 accepted.
        Assert.Equal("DECLINED", (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "39.99")).Payload("makeOffer", "offer")["status"]!.GetValue<string>());
        var accepted = (await MakeOfferAsync(deal.Buyer.Token, deal.ItemId, "90.00")).Payload("makeOffer", "offer");
        Assert.Equal(("ACCEPTED", "AWAITING_PAYMENT"), (accepted["status"]!.GetValue<string>(), accepted["order"]!["status"]!.GetValue<string>()));

        var cancelled = (await Client.PostAsync("mutation($i: ItemIdInput!) { cancelAutoMarkdown(input: $i) { item { autoMarkdown { percent } } errors { code } } }",
            new { i = new { itemId = deal.ItemId } }, deal.Seller.Token)).Payload("cancelAutoMarkdown", "item");
        Assert.Null(cancelled["autoMarkdown"]);
    }
}
