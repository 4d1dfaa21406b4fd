using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Runtime.Transport;
using Marketplace.Runtime.Transport.Serialization;

namespace Marketplace.Runtime.Tests.Transport;

/// <summary>
/// The transport's serializer on its own: values come back as the same .NET values System.Text.Json
/// would give (exact decimals, offsets, nulls, lists), types whose meaning lives in their JSON contract
/// still go through it, and corrupt or mismatched frames fail with a clear error instead of a wrong value.
/// </summary>
public sealed class WireSerializerTests
{
    private readonly WireSerializer _serializer = new(() => Options, new JsonWriterPool());

    private static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    [Fact]
    public void A_record_with_every_common_member_kind_comes_back_equal()
    {
        var listing = new Listing(
            "item-1", 1.10m, 3, Grade.LikeNew,
            new DateTimeOffset(2026, 11, 22, 9, 30, 0, TimeSpan.FromHours(5.5)),
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            Guid.NewGuid(), TimeSpan.FromMinutes(90), null, 4.5,
            ["box", "charger"], [new Repair("screen", 59.99m)],
            new Dictionary<string, int> { ["views"] = 12, ["saves"] = 2 },
            new byte[] { 1, 2, 3 })
        { Note = "scratched lid", Seller = new Seller("s-1", Verified: true) };

        var copy = RoundTrip(listing);

        Assert.Equal(listing.Sku, copy.Sku);
        Assert.Equal("1.10", copy.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(listing.Quantity, copy.Quantity);
        Assert.Equal(Grade.LikeNew, copy.Grade);
        Assert.Equal(listing.ListedAt, copy.ListedAt);
        Assert.Equal(listing.ListedAt.Offset, copy.ListedAt.Offset);
        Assert.Equal(DateTimeKind.Utc, copy.Checked.Kind);
        Assert.Equal(listing.Checked, copy.Checked);
        Assert.Equal(listing.Id, copy.Id);
        Assert.Equal(listing.Warranty, copy.Warranty);
        Assert.Null(copy.Discount);
        Assert.Equal(4.5, copy.Rating);
        Assert.Equal(["box", "charger"], copy.Accessories);
        Assert.Equal(listing.Repairs, copy.Repairs);
        Assert.Equal(listing.Counters, copy.Counters);
        Assert.Equal([1, 2, 3], copy.Photo);
        Assert.Equal("scratched lid", copy.Note);
        Assert.Equal(listing.Seller, copy.Seller);
    }

    [Fact]
    public void Nulls_and_empty_collections_stay_what_they_were()
    {
        var listing = new Listing("", 0m, 0, Grade.Fair, default, default, default, default, 0.25m, null, [], [], null!, null!);

        var copy = RoundTrip(listing);

        Assert.Equal("", copy.Sku);
        Assert.Equal(0.25m, copy.Discount);
        Assert.Null(copy.Rating);
        Assert.Empty(copy.Accessories);
        Assert.Empty(copy.Repairs);
        Assert.Null(copy.Counters);
        Assert.Null(copy.Photo);
        Assert.Null(copy.Note);
        Assert.Null(copy.Seller);
        Assert.Null(RoundTrip<Listing?>(null));
    }

    [Fact]
    public void A_class_with_setters_and_a_record_struct_come_back_equal()
    {
        var draft = new Draft { Title = "Road bike", Tags = ["steel", "54cm"], Asking = 420m };
        var copy = RoundTrip(draft);
        Assert.Equal("Road bike", copy.Title);
        Assert.Equal(["steel", "54cm"], copy.Tags);
        Assert.Equal(420m, copy.Asking);

        var grain = new GrainId("item", "42");
        Assert.Equal(grain, RoundTrip(grain));
        Assert.Equal(new GrainId?(grain), RoundTrip<GrainId?>(grain));
    }

    [Fact]
    public void A_type_that_contains_itself_round_trips_and_a_cycle_fails_instead_of_overflowing()
    {
        var chain = new Chain { Name = "a", Next = new Chain { Name = "b", Next = new Chain { Name = "c" } } };
        var copy = RoundTrip(chain);
        Assert.Equal("c", copy.Next!.Next!.Name);
        Assert.Null(copy.Next.Next.Next);

        chain.Next.Next.Next = chain;
        var failure = Assert.Throws<InvalidOperationException>(() => Encode(chain));
        Assert.Contains("nested more than", failure.Message);
    }

    [Fact]
    public void A_polymorphic_hierarchy_keeps_its_json_contract_and_comes_back_as_the_derived_type()
    {
        Event[] events = [new Listed("item-1", 10m), new Sold("item-1", "buyer-7")];

        var copy = RoundTrip(events);

        Assert.Equal(events, copy);
        Assert.IsType<Sold>(copy[1]);
    }

    [Fact]
    public void A_type_with_its_own_json_converter_still_goes_through_it()
    {
        var copy = RoundTrip(new Shouting("quiet"));

        Assert.Equal("QUIET!", copy.Text);
    }

    [Fact]
    public void A_type_whose_shape_differs_between_silos_fails_with_a_clear_error()
    {
        var body = Encode(new VersionTwo("a", 1, 2));

        var failure = Assert.Throws<InvalidDataException>(() => Decode<VersionOne>(body));

        Assert.Contains("different versions", failure.Message);
    }

    [Fact]
    public void Truncated_and_corrupt_bytes_fail_cleanly()
    {
        var body = Encode(new Repair("screen", 59.99m));
        Assert.Throws<InvalidDataException>(() => Decode<Repair>(body[..^3]));

        // A list that claims two billion elements must not allocate them.
        var huge = Encode<List<int>>([1, 2]);
        BitConverter.GetBytes(int.MaxValue).CopyTo(huge, 0);
        var failure = Assert.Throws<InvalidDataException>(() => Decode<List<int>>(huge));
        Assert.Contains("corrupt", failure.Message);
    }

    private T RoundTrip<T>(T value) => Decode<T>(Encode(value));

    private byte[] Encode<T>(T value)
    {
        var frame = new FrameWriter(FrameKind.Response, callId: 1);
        try
        {
            _serializer.Get<T>().Write(frame, value);
            return frame.WrittenSpan[(WireFormat.LengthPrefixSize + WireFormat.CommonHeaderSize)..].ToArray();
        }
        finally
        {
            frame.Release();
        }
    }

    private T Decode<T>(byte[] body) => WireCodec.DecodeValue(body, _serializer.Get<T>());

    public enum Grade { Fair, Good, LikeNew }

    public sealed record Repair(string What, decimal Cost);

    public sealed record Seller(string Id, bool Verified);

    public sealed record Listing(
        string Sku, decimal Price, int Quantity, Grade Grade, DateTimeOffset ListedAt, DateTime Checked, Guid Id, TimeSpan Warranty,
        decimal? Discount, double? Rating, IReadOnlyList<string> Accessories, List<Repair> Repairs,
        IReadOnlyDictionary<string, int> Counters, byte[] Photo)
    {
        public string? Note { get; init; }
        public Seller? Seller { get; init; }
        public int AccessoryCount => Accessories.Count;
    }

    public sealed class Draft
    {
        public string Title { get; set; } = "";
        public string[] Tags { get; set; } = [];
        public decimal Asking { get; set; }
    }

    public sealed class Chain
    {
        public string Name { get; set; } = "";
        public Chain? Next { get; set; }
    }

    [JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
    [JsonDerivedType(typeof(Listed), "listed")]
    [JsonDerivedType(typeof(Sold), "sold")]
    public abstract record Event(string Item);

    public sealed record Listed(string Item, decimal Price) : Event(Item);

    public sealed record Sold(string Item, string Buyer) : Event(Item);

    [JsonConverter(typeof(ShoutingConverter))]
    public sealed record Shouting(string Text);

    private sealed class ShoutingConverter : JsonConverter<Shouting>
    {
        public override Shouting Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString()!);

        public override void Write(Utf8JsonWriter writer, Shouting value, JsonSerializerOptions options) => writer.WriteStringValue(value.Text.ToUpperInvariant() + "!");
    }

    public sealed record VersionOne(string A, int B);

    public sealed record VersionTwo(string A, int B, int C);
}
