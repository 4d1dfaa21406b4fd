using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Rentals.RentalMarket;

namespace Marketplace.Gateway.Tests.Rentals;

/// <summary>Rentals with the default configuration (one-day days): checks, cancellations, errors, authorization, the overlap race.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RentalFlowTests(GatewayFixture fixture)
{
    private readonly RentalMarket _rentals = new(fixture.Market);

    private static DateTimeOffset InDays(double days) => DateTimeOffset.UtcNow.AddDays(days);

    private async Task<JsonNode> PaidAsync(RentalDeal deal, DateTimeOffset start, int days = 2)
    {
        var rental = await _rentals.RequestedAsync(deal, start, days);
        return (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId = Id(rental), idempotencyKey = "pay-" + Id(rental) })).Payload("payRental", "rental");
    }

    [Fact]
    public async Task A_damaged_return_is_paid_from_the_deposit()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var requested = await _rentals.RequestedAsync(deal, InDays(0.5), 2);
        Assert.Equal(60m, Money(requested["rent"]));
        Assert.Equal(3m, Money(requested["fee"]));
        Assert.Equal(200m, Money(requested["deposit"]));
        Assert.False(requested["depositWaived"]!.GetValue<bool>());
        Assert.Equal(600, requested["renterTrustScore"]!.GetValue<int>());
        var rentalId = Id(requested);
        var paid = (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "pay-1" })).Payload("payRental", "rental");
        Assert.Equal(60m, Sum(paid, "HOLD"));
        Assert.Equal(200m, Sum(paid, "DEPOSIT_HOLD"));
        var again = (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "pay-1" })).Payload("payRental", "rental");
        Assert.Equal(2, again["ledger"]!.AsArray().Count);
        Assert.Equal("INVALID_STATE", (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "pay-2" })).PayloadError("payRental", "rental"));

        (await _rentals.MutateAsync("handOverRental", deal.Owner.Token, new { rentalId })).Payload("handOverRental", "rental");
        var returned = (await _rentals.MutateAsync("returnRental", deal.Renter.Token, new { rentalId })).Payload("returnRental", "rental");
        Assert.Equal(0m, Money(returned["lateFee"]));
        var tooMuch = await _rentals.MutateAsync("checkRental", deal.Owner.Token, new { rentalId, damageCharge = "200.01" });
        Assert.Equal("INVALID_INPUT", tooMuch.PayloadError("checkRental", "rental"));
        Assert.Equal(["input", "damageCharge"], tooMuch.Ok()["checkRental"]!["errors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        var done = (await _rentals.MutateAsync("checkRental", deal.Owner.Token, new { rentalId, damageCharge = "45.50", damageNotes = "torn" })).Payload("checkRental", "rental");
        Assert.Equal("COMPLETED", Status(done));
        Assert.Equal("torn", done["damageNotes"]!.GetValue<string>());
        Assert.Equal(57m + 45.50m, Sum(done, "RELEASE"));
        Assert.Equal(154.50m, Sum(done, "DEPOSIT_RELEASE"));
        AssertBalanced(done);
        var stats = (await _rentals.Client.PostAsync("query($id: ID!) { seller(id: $id) { stats { rentalsCompleted rentalDamageRate } } }", new { id = deal.Owner.Id })).Ok()["seller"]!["stats"]!;
        Assert.Equal(1.0, stats["rentalDamageRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task Cancellation_by_either_party_refunds_in_full_and_the_owners_counts_as_a_seller_cancellation()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var awaiting = await _rentals.RequestedAsync(deal, InDays(3), 2);
        var byRenter = (await _rentals.MutateAsync("cancelRental", deal.Renter.Token, new { rentalId = Id(awaiting), reason = "changed my mind" })).Payload("cancelRental", "rental");
        Assert.Equal("CANCELLED", Status(byRenter));
        AssertBalanced(byRenter);

        var early = await PaidAsync(deal, InDays(3));
        var renterEarly = (await _rentals.MutateAsync("cancelRental", deal.Renter.Token, new { rentalId = Id(early) })).Payload("cancelRental", "rental");
        Assert.Equal(60m, Sum(renterEarly, "REFUND"));
        Assert.Equal(200m, Sum(renterEarly, "DEPOSIT_RELEASE"));
        AssertBalanced(renterEarly);

        var soon = await PaidAsync(deal, InDays(0.5));
        Assert.Equal("INVALID_STATE", (await _rentals.MutateAsync("cancelRental", deal.Renter.Token, new { rentalId = Id(soon) })).PayloadError("cancelRental", "rental"));
        var byOwner = (await _rentals.MutateAsync("cancelRental", deal.Owner.Token, new { rentalId = Id(soon), reason = "broken" })).Payload("cancelRental", "rental");
        Assert.Equal(60m, Sum(byOwner, "REFUND"));
        AssertBalanced(byOwner);
        var stats = (await _rentals.Client.PostAsync("query($id: ID!) { seller(id: $id) { stats { sellerCancellations } } }", new { id = deal.Owner.Id })).Ok()["seller"]!["stats"]!;
        Assert.Equal(1, stats["sellerCancellations"]!.GetValue<int>());

        var active = await PaidAsync(deal, InDays(0.5));
        (await _rentals.MutateAsync("handOverRental", deal.Owner.Token, new { rentalId = Id(active) })).Payload("handOverRental", "rental");
        Assert.Equal("INVALID_STATE", (await _rentals.MutateAsync("cancelRental", deal.Owner.Token, new { rentalId = Id(active) })).PayloadError("cancelRental", "rental"));
    }

    [Fact]
    public async Task Of_twenty_concurrent_overlapping_requests_exactly_one_books()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var renters = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _rentals.Market.CreateUserAsync($"renter{i}")));
        var start = InDays(5);
        var responses = await Task.WhenAll(renters.Select((r, i) => _rentals.RequestAsync(r.Token, deal.ItemId, start.AddHours(i), 2)));
        var payloads = responses.Select(r => r.Ok()["requestRental"]!).ToArray();
        Assert.Single(payloads, p => p["rental"] is not null);
        Assert.All(payloads.Where(p => p["rental"] is null), p => Assert.Equal("DATES_UNAVAILABLE", p["errors"]![0]!["code"]!.GetValue<string>()));
        var item = (await _rentals.Client.PostAsync("query($id: ID!) { item(id: $id) { bookings { start end } } }", new { id = deal.ItemId })).Ok()["item"]!;
        Assert.Single(item["bookings"]!.AsArray());
    }

    [Fact]
    public async Task Requests_are_refused_with_the_contracts_error_codes()
    {
        var deal = await _rentals.NewRentalItemAsync(minDays: 2, maxDays: 5);
        var days = await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, InDays(1), 6);
        Assert.Equal("INVALID_INPUT", days.PayloadError("requestRental", "rental"));
        Assert.Equal(["input", "days"], days.Ok()["requestRental"]!["errors"]![0]!["field"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("INVALID_INPUT", (await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, InDays(-1), 2)).PayloadError("requestRental", "rental"));
        Assert.Equal("NOT_FOUND", (await _rentals.RequestAsync(deal.Renter.Token, "no-such-item", InDays(1), 2)).PayloadError("requestRental", "rental"));
        var saleItem = await _rentals.Market.ListItemAsync(deal.Owner.Token, deal.CategoryId, deal.RegionId);
        Assert.Equal("INVALID_STATE", (await _rentals.RequestAsync(deal.Renter.Token, saleItem, InDays(1), 2)).PayloadError("requestRental", "rental"));
        var order = await _rentals.Market.PlaceOrderAsync(deal.Renter.Token, deal.ItemId);
        Assert.Equal("INVALID_STATE", order.PayloadError("placeOrder", "order"));

        var start = InDays(1);
        var first = (await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, start, 2, "same-key")).Payload("requestRental", "rental");
        var retry = (await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, start, 2, "same-key")).Payload("requestRental", "rental");
        Assert.Equal(Id(first), Id(retry));
        Assert.Equal("IDEMPOTENCY_CONFLICT", (await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, start, 3, "same-key")).PayloadError("requestRental", "rental"));
        var other = await _rentals.Market.CreateUserAsync("other");
        Assert.Equal("DATES_UNAVAILABLE", (await _rentals.RequestAsync(other.Token, deal.ItemId, start.AddHours(12), 2)).PayloadError("requestRental", "rental"));
        Assert.Equal("NOT_FOUND", (await _rentals.MutateAsync("returnRental", deal.Renter.Token, new { rentalId = "rnt-none" })).PayloadError("returnRental", "rental"));
        Assert.Equal("INVALID_STATE", (await _rentals.MutateAsync("handOverRental", deal.Owner.Token, new { rentalId = Id(first) })).PayloadError("handOverRental", "rental"));
    }

    [Fact]
    public async Task Each_authorization_row_is_enforced()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var stranger = await _rentals.Market.CreateUserAsync("stranger");
        var op = await _rentals.Market.CreateUserWithRoleAsync("OPERATOR");
        var start = InDays(2);
        Assert.Equal(["UNAUTHENTICATED"], (await _rentals.Client.PostAsync(
            "mutation($i: RequestRentalInput!) { requestRental(input: $i) { rental { id } } }",
            new { i = new { itemId = deal.ItemId, start = start.ToString("O"), days = 2 } })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await _rentals.RequestAsync(_rentals.Market.Admin, deal.ItemId, start, 2)).ErrorCodes); // the admin token is no user
        Assert.Equal(["FORBIDDEN"], (await _rentals.RequestAsync(deal.Owner.Token, deal.ItemId, start, 2)).ErrorCodes); // not on their own item

        var rental = await _rentals.RequestedAsync(deal, start, 2);
        var rentalId = Id(rental);
        Assert.Equal(["FORBIDDEN"], (await _rentals.MutateAsync("payRental", deal.Owner.Token, new { rentalId, idempotencyKey = "x" })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await _rentals.MutateAsync("cancelRental", stranger.Token, new { rentalId })).ErrorCodes);
        (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "p" })).Payload("payRental", "rental");
        Assert.Equal(["FORBIDDEN"], (await _rentals.MutateAsync("handOverRental", deal.Renter.Token, new { rentalId })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await _rentals.MutateAsync("returnRental", deal.Owner.Token, new { rentalId })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await _rentals.MutateAsync("checkRental", deal.Renter.Token, new { rentalId })).ErrorCodes);

        Assert.Equal(["UNAUTHENTICATED"], (await _rentals.Client.PostAsync("query($id: ID!) { rental(id: $id) { id } }", new { id = rentalId })).ErrorCodes);
        Assert.Equal(["FORBIDDEN"], (await _rentals.Client.PostAsync("query($id: ID!) { rental(id: $id) { id } }", new { id = rentalId }, stranger.Token)).ErrorCodes);
        foreach (var token in new[] { deal.Renter.Token, deal.Owner.Token, op.Token, _rentals.Market.Admin })
            Assert.Equal(rentalId, Id(await _rentals.RentalAsync(rentalId, token)));

        const string list = "query($f: RentalFilter) { rentals(filter: $f) { totalCount nodes { id status } } }";
        Assert.Equal(["FORBIDDEN"], (await _rentals.Client.PostAsync(list, new { f = new { ownerId = deal.Owner.Id } }, deal.Owner.Token)).ErrorCodes);
        var listed = await Eventually.MatchAsync(async () => (await _rentals.Client.PostAsync(list, new { f = new { ownerId = deal.Owner.Id, status = new[] { "PAID" } } }, op.Token)).Ok()["rentals"]!,
            r => r["totalCount"]!.GetValue<int>() == 1, "the paid rental in Query.rentals", TimeSpan.FromSeconds(2));
        Assert.Equal(rentalId, listed["nodes"]![0]!["id"]!.GetValue<string>());

        const string rentalsOut = "query($id: ID!) { seller(id: $id) { rentalsOut { totalCount } } }";
        Assert.Equal(["FORBIDDEN"], (await _rentals.Client.PostAsync(rentalsOut, new { id = deal.Owner.Id }, stranger.Token)).ErrorCodes);
        Assert.Equal(1, (await _rentals.Client.PostAsync(rentalsOut, new { id = deal.Owner.Id }, deal.Owner.Token)).Ok()["seller"]!["rentalsOut"]!["totalCount"]!.GetValue<int>());
        const string buyerRentals = "query($id: ID!) { buyer(id: $id) { rentals { totalCount } } }";
        Assert.Equal(["FORBIDDEN"], (await _rentals.Client.PostAsync(buyerRentals, new { id = deal.Renter.Id }, stranger.Token)).ErrorCodes);
        Assert.Equal(1, (await _rentals.Client.PostAsync(buyerRentals, new { id = deal.Renter.Id }, op.Token)).Ok()["buyer"]!["rentals"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Items_filter_by_listing_mode()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var saleItem = await _rentals.Market.ListItemAsync(deal.Owner.Token, deal.CategoryId, deal.RegionId);
        const string items = "query($f: ItemFilter) { items(filter: $f) { totalCount nodes { id mode } } }";
        async Task<string[]> IdsAsync(string? mode) => (await _rentals.Client.PostAsync(items, new { f = new { sellerId = deal.Owner.Id, mode } })).Ok()["items"]!["nodes"]!
            .AsArray().Select(n => n!["id"]!.GetValue<string>()).ToArray();
        await Eventually.MatchAsync(() => IdsAsync(null), ids => ids.Length == 2, "both listings in the projection");
        Assert.Equal([deal.ItemId], await IdsAsync("RENTAL"));
        Assert.Equal([saleItem], await IdsAsync("SALE"));
        // Listing rows answer mode and bookings from the projection's snapshot (bookings from the item for RENTAL rows).
        (await _rentals.RequestAsync(deal.Renter.Token, deal.ItemId, InDays(2), 2)).Payload("requestRental", "rental");
        var rows = (await _rentals.Client.PostAsync("query($f: ItemFilter) { items(filter: $f) { nodes { id mode bookings { start } } } }",
            new { f = new { sellerId = deal.Owner.Id } })).Ok()["items"]!["nodes"]!.AsArray();
        var rental = rows.Single(r => r!["id"]!.GetValue<string>() == deal.ItemId)!;
        Assert.Equal("RENTAL", rental["mode"]!.GetValue<string>());
        Assert.Single(rental["bookings"]!.AsArray());
        var sale = rows.Single(r => r!["id"]!.GetValue<string>() == saleItem)!;
        Assert.Equal("SALE", sale["mode"]!.GetValue<string>());
        Assert.Empty(sale["bookings"]!.AsArray());
    }

    [Fact]
    public async Task Lists_are_newest_first_and_cursor_paged()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++) ids.Add(Id(await _rentals.RequestedAsync(deal, InDays(1 + 3 * i), 2)));
        const string page = "query($id: ID!, $after: String) { buyer(id: $id) { rentals(first: 2, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }";
        var first = await Eventually.MatchAsync(async () => (await _rentals.Client.PostAsync(page, new { id = deal.Renter.Id, after = (string?)null }, deal.Renter.Token)).Ok()["buyer"]!["rentals"]!,
            r => r["totalCount"]!.GetValue<int>() == 3, "three rentals listed", TimeSpan.FromSeconds(2));
        Assert.Equal([ids[2], ids[1]], first["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var second = (await _rentals.Client.PostAsync(page, new { id = deal.Renter.Id, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() }, deal.Renter.Token)).Ok()["buyer"]!["rentals"]!;
        Assert.Equal([ids[0]], second["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }
}
