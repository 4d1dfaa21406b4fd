using System.Text.Json;
using Marketplace.Runtime.References;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public sealed record Watchlist(string Owner, IReadOnlyList<ICounterGrain> Counters, ICounterGrain? Favourite);

public sealed class GrainReferenceSerializationTests
{
    [Fact]
    public async Task References_inside_records_round_trip_through_json_and_still_call_the_grain()
    {
        await using var silo = await Silo.StartAsync();
        var options = new JsonSerializerOptions { Converters = { silo.Services.GetRequiredService<GrainReferenceJsonConverter>() } };
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>("stored");
        await counter.Increment();

        var json = JsonSerializer.Serialize(new Watchlist("ann", [counter], null), options);
        var restored = JsonSerializer.Deserialize<Watchlist>(json, options)!;

        Assert.Contains("\"type\":\"counter\"", json);
        Assert.Equal(counter, restored.Counters[0]);
        Assert.Null(restored.Favourite);
        Assert.Equal(2, await restored.Counters[0].Increment());
    }

    [Fact]
    public async Task Malformed_reference_json_is_rejected()
    {
        await using var silo = await Silo.StartAsync();
        var options = new JsonSerializerOptions { Converters = { silo.Services.GetRequiredService<GrainReferenceJsonConverter>() } };
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Watchlist>("""{"Owner":"x","Counters":[{"type":"counter"}]}""", options));
    }
}
