using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;
using Marketplace.Grains.Interfaces.Offers;
using Marketplace.Grains.Items;
using Marketplace.Grains.Offers;
using Marketplace.Grains.Tests.Harness;
using static Marketplace.Grains.Tests.Harness.Market;

namespace Marketplace.Grains.Tests.Offers;

/// <summary>Auto markdown (contract "Auto markdown"): one step per period, durable across restarts, stopping at the floor, off LISTED or on cancel.</summary>
public class AutoMarkdownTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static async Task<decimal[]> StepsAsync(Market market, string itemId = "item-1") =>
        [.. (await market.Item(itemId).GetAsync())!.PriceHistory.Where(p => p.Reason == PriceChangeReason.AUTO_MARKDOWN).Select(p => p.Price)];

    [Fact]
    public async Task One_step_per_period_down_to_the_floor_then_it_stops()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        (await market.Item("item-1").SetAutoMarkdownAsync(10, 70m, Seller)).Unwrap();
        var schedule = (await market.Item("item-1").GetDealsAsync())!.AutoMarkdown!;
        Assert.Equal(market.Host.Time.GetUtcNow() + Day, schedule.NextAt);

        await market.Host.AdvanceAsync(Day - TimeSpan.FromSeconds(1));
        Assert.Empty(await StepsAsync(market));
        await market.Host.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal([90m], await StepsAsync(market));
        await market.Host.AdvanceAsync(Day);
        await market.Host.AdvanceAsync(Day);
        Assert.Equal([90m, 81m, 72.90m], await StepsAsync(market));
        await market.Host.AdvanceAsync(Day); // 65.61 is below the floor: the floor, and the schedule stops there
        Assert.Equal([90m, 81m, 72.90m, 70m], await StepsAsync(market));
        await market.Host.AdvanceAsync(Day * 3);
        Assert.Equal(4, (await StepsAsync(market)).Length);

        Assert.Null((await market.Item("item-1").GetDealsAsync())!.AutoMarkdown!.NextAt);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IItemGrain>("item-1"), ItemGrain.MarkdownReminder));
        var changes = market.Host.Streams.Published<ItemPriceChanged>().Where(e => e.Reason == PriceChangeReason.AUTO_MARKDOWN).ToList();
        Assert.Equal([100m, 90m, 81m, 72.90m], changes.Select(e => e.PreviousPrice));
        Assert.Equal(70m, (await market.Item("item-1").GetAsync())!.Price);
    }

    [Fact]
    public async Task Steps_are_counted_exactly_across_a_silo_restart_and_repeated_ticks()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Marketplace:Markdown:Period"] = "02:00:00" });
        await market.ListAsync(price: 200m);
        (await market.Item("item-1").SetAutoMarkdownAsync(5, 100m, Seller)).Unwrap();
        await market.Host.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal([190m], await StepsAsync(market));

        await market.Host.RestartAsync();
        // A tick delivered again for the period already stepped (as a reminder service may after a crash) changes nothing.
        await market.Host.GetGrain<IRemindable>(market.Host.GrainIdOf<IItemGrain>("item-1"))
            .ReceiveReminder(ItemGrain.MarkdownReminder, new TickStatus(DateTime.UtcNow, TimeSpan.FromHours(2), DateTime.UtcNow));
        await market.Host.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal([190m], await StepsAsync(market));
        await market.Host.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal([190m, 180.50m], await StepsAsync(market));

        await market.Host.RestartAsync();
        await market.Host.AdvanceAsync(TimeSpan.FromHours(2));
        Assert.Equal([190m, 180.50m, 171.48m], await StepsAsync(market)); // 171.475 rounds half away from zero
    }

    [Fact]
    public async Task Periods_that_passed_while_no_silo_ran_are_caught_up_one_step_each()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        (await market.Item("item-1").SetAutoMarkdownAsync(10, 10m, Seller)).Unwrap();
        await market.Host.RestartAsync();
        market.Host.Time.Advance(Day * 3 + TimeSpan.FromHours(1)); // three periods pass without a tick
        await market.Host.AdvanceAsync(TimeSpan.Zero);
        Assert.Equal([90m, 81m, 72.90m], await StepsAsync(market));
        Assert.Equal(market.Host.Time.GetUtcNow() - TimeSpan.FromHours(1) + Day, (await market.Item("item-1").GetDealsAsync())!.AutoMarkdown!.NextAt);
    }

    [Fact]
    public async Task It_stops_when_the_item_leaves_LISTED()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        (await market.Item("item-1").SetAutoMarkdownAsync(10, 10m, Seller)).Unwrap();
        var order = await market.PlaceAsync();
        (await market.Order(order.Id).PayAsync("pay-1", Buyer)).Unwrap(); // else the payment deadline relists it first
        await market.Host.AdvanceAsync(Day);
        Assert.Empty(await StepsAsync(market));
        Assert.Null((await market.Item("item-1").GetDealsAsync())!.AutoMarkdown!.NextAt);
        (await market.Order(order.Id).CancelAsync("cannot ship", Seller)).Unwrap(); // listed again: the schedule stays stopped
        Assert.Equal(ItemStatus.LISTED, (await market.Item("item-1").GetAsync())!.Status);
        await market.Host.AdvanceAsync(Day * 2);
        Assert.Empty(await StepsAsync(market));
        Assert.Equal(100m, (await market.Item("item-1").GetAsync())!.Price);
    }

    [Fact]
    public async Task Cancel_stops_it_and_only_the_seller_may_schedule_or_cancel()
    {
        await using var market = await Market.CreateAsync();
        await market.ListAsync(price: 100m);
        var item = market.Item("item-1");
        Assert.Equal(ErrorCodes.Forbidden, (await item.SetAutoMarkdownAsync(10, 50m, Buyer)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetAutoMarkdownAsync(0, 50m, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetAutoMarkdownAsync(50.5, 50m, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetAutoMarkdownAsync(10, 100m, Seller)).Error!.Code);
        Assert.Equal(ErrorCodes.InvalidInput, (await item.SetAutoMarkdownAsync(10, 0m, Seller)).Error!.Code);
        Assert.Equal(["input", "floor"], (await item.SetAutoMarkdownAsync(10, 10.001m, Seller)).Error!.Field);
        (await item.SetAutoMarkdownAsync(50, 10m, Seller)).Unwrap();
        Assert.Equal(ErrorCodes.Forbidden, (await item.CancelAutoMarkdownAsync(Buyer)).Error!.Code);
        (await item.CancelAutoMarkdownAsync(Seller)).Unwrap();
        Assert.Null((await item.GetDealsAsync())!.AutoMarkdown);
        Assert.False(market.Host.HasReminder(market.Host.GrainIdOf<IItemGrain>("item-1"), ItemGrain.MarkdownReminder));
        await market.Host.AdvanceAsync(Day * 2);
        Assert.Empty(await StepsAsync(market));

        (await market.Item("rent-1").ListAsync(new ListItem("Tent", "", "phones", "sh", Grade.GOOD, 50m, Mode: ListingMode.RENTAL,
            RentalTerms: new RentalTerms(5m, 0m, 1, 5)), Seller)).Unwrap();
        Assert.Equal(ErrorCodes.InvalidState, (await market.Item("rent-1").SetAutoMarkdownAsync(10, 10m, Seller)).Error!.Code);
    }

    [Theory]
    [InlineData(99.99, 15, 1, 84.99)]
    [InlineData(10.01, 12.5, 1, 8.76)]
    [InlineData(100, 50, 60, 60)]
    [InlineData(0.03, 10, 0.01, 0.03)] // 0.027 rounds back to 0.03: no step, the schedule stops
    public void Step_is_the_rounded_percentage_never_below_the_floor(decimal price, double percent, decimal floor, decimal expected) =>
        Assert.Equal(expected, OfferRules.MarkdownStep(price, percent, floor));
}
