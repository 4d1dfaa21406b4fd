using System.Globalization;
using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Rentals;

/// <summary>Rental operations through GraphQL only, on top of the order tests' <see cref="Market"/>.</summary>
public sealed class RentalMarket(Market market)
{
    public const string RentalFields = """
        id ownerId renterId renterTrustScore start days due rent fee deposit depositWaived status deadline
        handedOverAt returnedAt lateFee damageCharge damageNotes
        item { id mode bookings { start end } }
        history { status at note }
        ledger { kind amount party }
        """;

    public Market Market => market;
    public GraphQLHttpClient Client => market.Client;

    public async Task<RentalDeal> NewRentalItemAsync(string dailyRate = "30.00", string deposit = "200.00", int minDays = 1, int maxDays = 10)
    {
        var owner = await market.CreateUserAsync("owner");
        var renter = await market.CreateUserAsync("renter");
        var category = await market.CreateCategoryAsync();
        var region = await market.CreateRegionAsync();
        var item = (await Client.PostAsync("mutation($i: ListItemInput!) { listItem(input: $i) { item { id mode rentalTerms { dailyRate deposit minDays maxDays } } errors { code message } } }",
            new { i = new { title = "Tent " + market.Unique("t"), categoryId = category, regionId = region, claimedGrade = "GOOD", price = "500.00",
                mode = "RENTAL", rentalTerms = new { dailyRate, deposit, minDays, maxDays } } }, owner.Token)).Payload("listItem", "item");
        Assert.Equal("RENTAL", item["mode"]!.GetValue<string>());
        return new RentalDeal(owner, renter, category, region, item["id"]!.GetValue<string>(), decimal.Parse(dailyRate, CultureInfo.InvariantCulture));
    }

    public Task<GraphQLResponse> RequestAsync(string token, string itemId, DateTimeOffset start, int days, string? idempotencyKey = null) =>
        Client.PostAsync($"mutation($i: RequestRentalInput!) {{ requestRental(input: $i) {{ rental {{ {RentalFields} }} errors {{ code message field }} }} }}",
            new { i = new { itemId, start = start.ToString("O", CultureInfo.InvariantCulture), days, idempotencyKey } }, token);

    public async Task<JsonNode> RequestedAsync(RentalDeal deal, DateTimeOffset start, int days = 2) =>
        (await RequestAsync(deal.Renter.Token, deal.ItemId, start, days)).Payload("requestRental", "rental");

    public Task<GraphQLResponse> MutateAsync(string mutation, string token, object input) =>
        Client.PostAsync($"mutation($i: {InputType(mutation)}!) {{ {mutation}(input: $i) {{ rental {{ {RentalFields} }} errors {{ code message field }} }} }}",
            new { i = input }, token);

    public async Task<JsonNode> RentalAsync(string rentalId, string token) =>
        (await Client.PostAsync($"query($id: ID!) {{ rental(id: $id) {{ {RentalFields} }} }}", new { id = rentalId }, token)).Ok()["rental"]!;

    private static string InputType(string mutation) => mutation switch
    {
        "payRental" => "PayRentalInput",
        "checkRental" => "CheckRentalInput",
        "cancelRental" => "CancelRentalInput",
        _ => "RentalIdInput",
    };

    public static string Id(JsonNode rental) => rental["id"]!.GetValue<string>();
    public static string Status(JsonNode rental) => rental["status"]!.GetValue<string>();
    public static decimal Money(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    public static decimal Sum(JsonNode rental, params string[] kinds) =>
        rental["ledger"]!.AsArray().Where(e => kinds.Contains(e!["kind"]!.GetValue<string>())).Sum(e => Money(e!["amount"]));

    /// <summary>HOLD + DEPOSIT_HOLD + CHARGE = RELEASE + FEE + REFUND + DEPOSIT_RELEASE.</summary>
    public static void AssertBalanced(JsonNode rental) =>
        Assert.Equal(Sum(rental, "HOLD", "DEPOSIT_HOLD", "CHARGE"), Sum(rental, "RELEASE", "FEE", "REFUND", "DEPOSIT_RELEASE"));
}

public sealed record RentalDeal((string Id, string Token) Owner, (string Id, string Token) Renter, string CategoryId, string RegionId, string ItemId, decimal DailyRate);
