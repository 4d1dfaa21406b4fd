using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Gateway.Schema;
using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Schema;

/// <summary>DateTime goes out as RFC 3339 UTC with exactly milliseconds; comes in as any reasonable RFC 3339 text.</summary>
[Collection(GatewayCollection.Name)]
public sealed class DateTimeScalarTests(GatewayFixture fixture)
{
    private static readonly Regex Written = new(@"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$");

    [Fact]
    public async Task Times_served_by_the_gateway_have_milliseconds_and_Z()
    {
        var market = fixture.Market;
        var seller = await market.CreateUserAsync();
        var itemId = await market.ListItemAsync(seller.Token, await market.CreateCategoryAsync(), await market.CreateRegionAsync());

        var item = (await fixture.Host.Client.PostAsync("query($id: ID!) { item(id: $id) { listedAt priceHistory { at } } }", new { id = itemId })).Ok()["item"]!;

        var times = new[] { item["listedAt"]!.GetValue<string>() }.Concat(item["priceHistory"]!.AsArray().Select(p => p!["at"]!.GetValue<string>())).ToList();
        Assert.All(times, t => Assert.Matches(Written, t));
    }

    [Theory]
    [InlineData("2026-11-21T08:30:55.5690484+00:00", "2026-11-21T08:30:55.569Z")]
    [InlineData("2026-11-21T08:30:55.5699999Z", "2026-11-21T08:30:55.569Z")] // truncated: never later than it was
    [InlineData("2026-11-21T08:30:00Z", "2026-11-21T08:30:00.000Z")]
    [InlineData("2026-11-21T10:30:00.1+02:00", "2026-11-21T08:30:00.100Z")]
    public void Written_as_utc_with_three_fraction_digits(string instant, string written)
    {
        Assert.Equal(written, Scalars.SerializeDateTime(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_DateTime_value_is_written_in_utc_whatever_its_kind()
    {
        var utc = new DateTime(2026, 11, 21, 8, 30, 0, DateTimeKind.Utc);
        Assert.Equal("2026-11-21T08:30:00.000Z", Scalars.SerializeDateTime(utc));
        Assert.Equal("2026-11-21T08:30:00.000Z", Scalars.SerializeDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Equal("2026-11-21T08:30:00.000Z", Scalars.SerializeDateTime(utc.ToLocalTime()));
    }

    [Theory]
    [InlineData("2026-11-21T08:30:00Z", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21t08:30:00z", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21 08:30:00Z", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21T08:30:00.123Z", "2026-11-21T08:30:00.1230000Z")]
    [InlineData("2026-11-21T08:30:00.123456789Z", "2026-11-21T08:30:00.1234567Z")] // nanoseconds (Go, Java)
    [InlineData("2026-11-21T16:30:00+08:00", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21T03:00:00-0530", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21T08:30:00+00", "2026-11-21T08:30:00.0000000Z")]
    [InlineData("2026-11-21T08:30:00", "2026-11-21T08:30:00.0000000Z")] // no offset: UTC
    [InlineData("2026-11-21T08:30", "2026-11-21T08:30:00.0000000Z")] // HTML datetime-local
    [InlineData("2026-12-31T23:59:60Z", "2026-12-31T23:59:59.9999999Z")] // leap second
    public void Read_leniently(string text, string instant)
    {
        var parsed = Scalars.ParseDateTime(text);

        Assert.Equal(TimeSpan.Zero, parsed.Offset);
        Assert.Equal(instant, parsed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-21")]
    [InlineData("21/11/2026 08:30")]
    [InlineData("Nov 21 2026 08:30 T")]
    [InlineData("2026-13-01T00:00:00Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-11-21T24:00:00Z")]
    [InlineData("2026-11-21T08:30:00+24:00")]
    [InlineData("2026-11-21T08:30:00Zjunk")]
    [InlineData("２０２６-11-21T08:30:00Z")]
    public void Refused_with_a_format_error(string text)
    {
        var error = Assert.Throws<FormatException>(() => Scalars.ParseDateTime(text));
        Assert.Contains(text, error.Message);
    }
}
