using System.Text.Json.Nodes;
using Marketplace.Gateway.Tests.Support;
using static Marketplace.Gateway.Tests.Rentals.RentalMarket;

namespace Marketplace.Gateway.Tests.Rentals;

/// <summary>A gateway whose rental day is 2 s and whose rental deadlines are seconds (configuration), so every deadline really fires.</summary>
public sealed class ShortRentalDayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;
    public RentalMarket Rentals { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Marketplace:Rentals:DayLength"] = "00:00:02",
            ["Marketplace:Rentals:ReturnGrace"] = "00:00:00.5",
            ["Marketplace:Deadlines:Payment"] = "00:00:03",
            ["Marketplace:Deadlines:ShipBy"] = "00:00:02",
            ["Marketplace:Deadlines:RentalCheck"] = "00:00:02",
        });
        Rentals = new RentalMarket(new Market(Host));
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class RentalDeadlineTests(ShortRentalDayFixture fixture) : IClassFixture<ShortRentalDayFixture>
{
    private readonly RentalMarket _rentals = fixture.Rentals;

    private static DateTimeOffset Soon => DateTimeOffset.UtcNow.AddSeconds(1);

    private Task<JsonNode> WaitForStatusAsync(string rentalId, string token, string status) =>
        Eventually.MatchAsync(() => _rentals.RentalAsync(rentalId, token), r => Status(r) == status, $"rental {rentalId} to become {status}");

    private async Task<JsonNode> ActiveAsync(RentalDeal deal, int days = 1)
    {
        var rental = await _rentals.RequestedAsync(deal, Soon, days);
        (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId = Id(rental), idempotencyKey = "pay-" + Id(rental) })).Payload("payRental", "rental");
        return (await _rentals.MutateAsync("handOverRental", deal.Owner.Token, new { rentalId = Id(rental) })).Payload("handOverRental", "rental");
    }

    [Fact]
    public async Task Due_makes_it_overdue_a_late_return_pays_a_late_fee_and_the_check_deadline_completes_it()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var active = await ActiveAsync(deal);
        Assert.Equal("ACTIVE", Status(active));
        Assert.True(active["deadline"] is null); // due acts by itself, but the contract's deadline is payment / check only
        var rentalId = Id(active);
        await WaitForStatusAsync(rentalId, deal.Renter.Token, "OVERDUE");
        // The RENTAL_OVERDUE alert reaches the operators' dashboard through the market facts.
        await Eventually.MatchAsync(async () => (await _rentals.Client.PostAsync("{ dashboard { alerts(first: 100) { kind item { id } } } }", null, _rentals.Market.Admin)).Ok()["dashboard"]!["alerts"]!.AsArray(),
            alerts => alerts.Any(a => a!["kind"]!.GetValue<string>() == "RENTAL_OVERDUE" && a["item"]?["id"]?.GetValue<string>() == deal.ItemId),
            "the RENTAL_OVERDUE alert on the dashboard");
        await Task.Delay(TimeSpan.FromSeconds(1)); // past due + the 0.5 s grace: one (2 s) day late
        var returned = (await _rentals.MutateAsync("returnRental", deal.Renter.Token, new { rentalId })).Payload("returnRental", "rental");
        Assert.Equal("RETURNED", Status(returned));
        Assert.Equal(30m, Money(returned["lateFee"]));
        Assert.NotNull(returned["deadline"]);

        var completed = await WaitForStatusAsync(rentalId, deal.Owner.Token, "COMPLETED");
        Assert.Equal(["AWAITING_PAYMENT", "PAID", "ACTIVE", "OVERDUE", "RETURNED", "COMPLETED"], completed["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal(0m, Money(completed["damageCharge"]));
        Assert.Equal(170m, Sum(completed, "DEPOSIT_RELEASE"));
        Assert.Equal(30m - 1.50m + 30m, Sum(completed, "RELEASE"));
        Assert.Equal(1.50m, Sum(completed, "FEE"));
        AssertBalanced(completed);

        // The renter's and the owner's figures, and every list the rental belongs to.
        var buyer = (await _rentals.Client.PostAsync("query($id: ID!) { buyer(id: $id) { rentalsCompleted lateReturns rentals { totalCount nodes { id status } } } }",
            new { id = deal.Renter.Id }, deal.Renter.Token)).Ok()["buyer"]!;
        Assert.Equal(1, buyer["rentalsCompleted"]!.GetValue<int>());
        Assert.Equal(1, buyer["lateReturns"]!.GetValue<int>());
        await Eventually.MatchAsync(async () => (await _rentals.Client.PostAsync(
                "query($id: ID!) { seller(id: $id) { stats { rentalsCompleted rentalDamageRate } rentalsOut(status: COMPLETED) { totalCount nodes { id } } } }",
                new { id = deal.Owner.Id }, deal.Owner.Token)).Ok()["seller"]!,
            s => s["rentalsOut"]!["totalCount"]!.GetValue<int>() == 1 && s["stats"]!["rentalsCompleted"]!.GetValue<int>() == 1,
            "the owner's completed rental in rentalsOut and stats");
        var figures = await Eventually.MatchAsync(async () => (await _rentals.Client.PostAsync(
                "query($id: ID!) { category(id: $id) { stats(window: DAYS_7) { rentals { active completed gmv utilizationRate averageDays onTimeReturnRate damageRate depositWaiverRate } } } }",
                new { id = deal.CategoryId })).Ok()["category"]!["stats"]!["rentals"]!,
            r => r["completed"]!.GetValue<int>() == 1, "the completed rental in the category's figures");
        Assert.Equal(0, figures["active"]!.GetValue<int>());
        Assert.Equal(60m, Money(figures["gmv"])); // rent 30 + late fee 30
        Assert.Equal(1.0, figures["averageDays"]!.GetValue<double>());
        Assert.Equal(0.0, figures["onTimeReturnRate"]!.GetValue<double>());
        Assert.Equal(0.0, figures["damageRate"]!.GetValue<double>());
        Assert.Equal(0.0, figures["depositWaiverRate"]!.GetValue<double>());
        Assert.True(figures["utilizationRate"]!.GetValue<double>() > 0);
    }

    [Fact]
    public async Task The_payment_deadline_cancels_and_frees_the_booked_period()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var start = DateTimeOffset.UtcNow.AddSeconds(30);
        var rental = await _rentals.RequestedAsync(deal, start, 2);
        Assert.Single(rental["item"]!["bookings"]!.AsArray());
        Assert.NotNull(rental["deadline"]);
        var cancelled = await WaitForStatusAsync(Id(rental), deal.Renter.Token, "CANCELLED");
        Assert.True(cancelled["deadline"] is null);
        Assert.Empty(cancelled["ledger"]!.AsArray());
        Assert.Empty(cancelled["item"]!["bookings"]!.AsArray());
        var other = await _rentals.Market.CreateUserAsync("other");
        (await _rentals.RequestAsync(other.Token, deal.ItemId, start, 2)).Payload("requestRental", "rental");
    }

    [Fact]
    public async Task The_renter_may_cancel_a_paid_rental_once_the_hand_over_was_missed()
    {
        var deal = await _rentals.NewRentalItemAsync();
        var rental = await _rentals.RequestedAsync(deal, Soon, 1);
        var rentalId = Id(rental);
        (await _rentals.MutateAsync("payRental", deal.Renter.Token, new { rentalId, idempotencyKey = "p" })).Payload("payRental", "rental");
        // Within one day of the start and before start + ShipBy: refused.
        Assert.Equal("INVALID_STATE", (await _rentals.MutateAsync("cancelRental", deal.Renter.Token, new { rentalId })).PayloadError("cancelRental", "rental"));
        var cancelled = (await Eventually.MatchAsync(
            () => _rentals.MutateAsync("cancelRental", deal.Renter.Token, new { rentalId, reason = "never handed over" }),
            r => r.Ok()["cancelRental"]!["rental"] is not null, "the renter's cancellation after start + ShipBy")).Payload("cancelRental", "rental");
        Assert.Equal(30m, Sum(cancelled, "REFUND"));
        Assert.Equal(200m, Sum(cancelled, "DEPOSIT_RELEASE"));
        AssertBalanced(cancelled);
    }
}
