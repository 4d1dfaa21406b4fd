using System.Text;
using Marketplace.Persistence.Serialization;
using Marketplace.Persistence.Tests.Grains;

namespace Marketplace.Persistence.Tests.Serialization;

public sealed class StateSerializerTests
{
    private readonly SystemTextJsonStateSerializer serializer = new();

    /// <summary>The same data under another class name (and namespace): what a rename looks like to stored rows.</summary>
    public sealed class RenamedItemState
    {
        public string Title { get; set; } = "";
        public decimal Price { get; set; }
        public TestGrade Grade { get; set; }
        public List<decimal> PriceHistory { get; set; } = [];
        public string? AddedLater { get; set; } = "default";
    }

    [Fact]
    public void Renamed_state_classes_read_old_rows()
    {
        var stored = serializer.Serialize(new TestItemState { Title = "iPhone 13", Price = 2999.00m, Grade = TestGrade.Good, PriceHistory = [3299.00m, 2999.00m] });

        var read = serializer.Deserialize<RenamedItemState>(stored);

        Assert.Equal("iPhone 13", read.Title);
        Assert.Equal("2999.00", read.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TestGrade.Good, read.Grade);
        Assert.Equal([3299.00m, 2999.00m], read.PriceHistory);
        Assert.Equal("default", read.AddedLater);
    }

    [Fact]
    public void Decimals_round_trip_exactly_and_enums_are_names()
    {
        var state = new TestItemState { Price = 0.1m + 0.2m, PriceHistory = [decimal.MaxValue, decimal.MinValue, 1.000m], Grade = TestGrade.LikeNew };

        var json = Encoding.UTF8.GetString(serializer.Serialize(state).ToArray());
        var read = serializer.Deserialize<TestItemState>(new BinaryData(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("\"price\":0.3", json);
        Assert.Contains("\"grade\":\"LikeNew\"", json);
        Assert.Equal(state.Price, read.Price);
        Assert.Equal(state.PriceHistory, read.PriceHistory);
        Assert.Equal("1.000", read.PriceHistory[2].ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Type_names_in_stored_json_are_neither_written_nor_obeyed()
    {
        var json = Encoding.UTF8.GetString(serializer.Serialize(new TestItemState { Title = "x" }).ToArray());
        Assert.DoesNotContain("TestItemState", json);
        Assert.DoesNotContain("$type", json);

        // A row claiming another type is read as the declared type (the claim is an ignored member).
        var forged = """{"$type":"System.IO.FileInfo, System.IO.FileSystem","title":"forged"}""";
        var read = serializer.Deserialize<TestItemState>(new BinaryData(Encoding.UTF8.GetBytes(forged)));
        Assert.IsType<TestItemState>(read);
        Assert.Equal("forged", read.Title);
    }

    [System.Text.Json.Serialization.JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
    [System.Text.Json.Serialization.JsonDerivedType(typeof(PriceChanged), "PriceChanged")]
    public abstract record Change(string SourceId);

    public sealed record PriceChanged(string SourceId, decimal Price) : Change(SourceId);

    public sealed class OutboxState
    {
        public List<Change> Outbox { get; set; } = [];
    }

    [Fact]
    public void A_discriminator_that_is_not_the_first_property_still_reads()
    {
        // PostgreSQL's jsonb stores keys sorted by length, so "$kind" comes back after shorter keys such as "price".
        var stored = new BinaryData(Encoding.UTF8.GetBytes("""{"outbox":[{"price":12.50,"$kind":"PriceChanged","sourceId":"item-1"}]}"""));

        var read = serializer.Deserialize<OutboxState>(stored);

        Assert.Equal(new PriceChanged("item-1", 12.50m), Assert.Single(read.Outbox));
    }
}
