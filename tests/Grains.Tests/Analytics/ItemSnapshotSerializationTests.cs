using System.Text.Json;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Items;

namespace Marketplace.Grains.Tests.Analytics;

public sealed class ItemSnapshotSerializationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_stored_before_price_history_was_carried_still_read_with_an_empty_one()
    {
        var stored = new ItemListed(new MarketEventBuilder(At).List("a", 10m, 1), At);
        var json = JsonSerializer.Serialize<MarketEvent>(stored);
        var withoutHistory = json.Replace(",\"PriceHistory\":[]", "");
        Assert.DoesNotContain("PriceHistory", withoutHistory);

        var read = Assert.IsType<ItemListed>(JsonSerializer.Deserialize<MarketEvent>(withoutHistory));
        Assert.Empty(read.Item.PriceHistory);
        Assert.Equal(10m, read.Item.Price);
    }

    [Fact]
    public void Price_history_round_trips_with_the_event()
    {
        var history = new[] { new PricePoint(12m, At, PriceChangeReason.LISTED), new PricePoint(10m, At.AddDays(1), PriceChangeReason.AUTO_MARKDOWN) };
        var item = new MarketEventBuilder(At).List("a", 10m, 1) with { PriceHistory = history };
        var read = Assert.IsType<ItemPriceChanged>(JsonSerializer.Deserialize<MarketEvent>(
            JsonSerializer.Serialize<MarketEvent>(new ItemPriceChanged(item, At, 12m, PriceChangeReason.AUTO_MARKDOWN))));
        Assert.Equal(history, read.Item.PriceHistory);
    }
}
