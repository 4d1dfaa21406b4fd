using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Buyers;
using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Bench;

/// <summary>
/// --recommendations: Item.similar and Buyer.recommended (docs/recommendations.md) with --items listings (default
/// 50,000, the peer's data set loaded through grains), as requests per second and as ratios to the plain `item`
/// query and the `items` list query measured in the same run, same gateway, load generator and connections
/// (alternating slots). Recommendations read bounded slices of the listing indexes, so their ratio should not
/// fall as --items grows: run it at two sizes to see that.
/// </summary>
internal static class RecommendationBench
{
    private const string ItemFields = "id title claimedGrade price seller { id creditScore creditBand }";

    public static async Task RunAsync(IClusterClient grains, Uri endpoint, BenchArguments options, string itemBody, string listBody)
    {
        var sellers = Math.Clamp(options.Items / 10, 10, 1000);
        Console.WriteLine($"recommendations: loading {options.Items:N0} items and {sellers:N0} sellers through grains ({options.Storage})");
        var load = Stopwatch.StartNew();
        await PeerDataSet.LoadAsync(grains, options.Items, sellers);
        await BenchArguments.WaitForListingAsync(endpoint, listBody, (options.Items + 4) / 5);
        Console.WriteLine($"  loaded and in the listing projection in {load.Elapsed.TotalSeconds:F1} s");

        // A buyer with history (20 views across the categories, 2 favorites) and one without (the popular fallback).
        var withHistory = await CreateBuyerAsync(grains, "bench-reco-buyer");
        var buyer = grains.GetGrain<IBuyerGrain>(withHistory.Id);
        for (var i = 0; i < 20; i++) await buyer.RecordViewAsync($"i{i * 37 % options.Items}");
        await buyer.AddFavoriteAsync($"i{7 % options.Items}");
        await buyer.AddFavoriteAsync($"i{8 % options.Items}");
        var newcomer = await CreateBuyerAsync(grains, "bench-reco-newcomer");

        var reference = $"i{42 % options.Items}";
        var recommended = $"query($id: ID!) {{ buyer(id: $id) {{ recommended(first: 20) {{ {ItemFields} }} }} }}";
        var queries = new (string Name, string Body, string? Token)[]
        {
            ("item", itemBody, null),
            ("items(first:20)", listBody, null),
            ("Item.similar(first:10)", Body($"query($id: ID!) {{ item(id: $id) {{ similar(first: 10) {{ {ItemFields} }} }} }}", new { id = reference }), null),
            ("Buyer.recommended(first:20)", Body(recommended, new { id = withHistory.Id }), withHistory.Token),
            ("Buyer.recommended, no history", Body(recommended, new { id = newcomer.Id }), newcomer.Token),
        };
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
        var generator = new LoadGenerator(http, options.Workers);
        foreach (var (_, body, token) in queries) await generator.RunAsync(endpoint, body, TimeSpan.FromSeconds(Math.Min(2, options.Seconds)), token); // warm-up

        var rates = new double[queries.Length];
        var slot = TimeSpan.FromSeconds(options.Seconds);
        for (var round = 0; round < options.Rounds; round++)
        {
            var line = new List<string>();
            for (var q = 0; q < queries.Length; q++)
            {
                var rate = await generator.RunAsync(endpoint, queries[q].Body, slot, queries[q].Token);
                rates[q] += rate;
                line.Add(string.Create(CultureInfo.InvariantCulture, $"{queries[q].Name} {rate:F0}"));
            }
            Console.WriteLine($"  round {round + 1}: " + string.Join(", ", line) + " req/s");
        }
        var item = rates[0] / options.Rounds;
        var list = rates[1] / options.Rounds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"item: {item:F0} req/s, items(first:20): {list:F0} req/s ({options.Workers} connections, {options.Rounds} rounds of {options.Seconds} s)"));
        for (var q = 2; q < queries.Length; q++)
        {
            var rate = rates[q] / options.Rounds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{queries[q].Name} with {options.Items:N0} items: {rate:F0} req/s, ratio to item {rate / item:F2}, ratio to items(first:20) {rate / list:F2}"));
        }
    }

    private static async Task<(string Id, string Token)> CreateBuyerAsync(IClusterClient grains, string id)
    {
        var created = await grains.GetGrain<IUserGrain>(id).CreateAsync(id, "r0");
        if (created.Error is { } error) throw new InvalidOperationException($"Creating {id} failed: {error.Code} {error.Message}");
        return (id, created.Value!.Token);
    }

    private static string Body(string query, object variables) => JsonSerializer.Serialize(new { query, variables });
}
