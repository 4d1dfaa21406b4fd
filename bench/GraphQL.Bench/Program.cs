using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.GraphQL.Bench;
using Marketplace.GraphQL.Transport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

// Gateway engine (our GraphQL over Kestrel) vs the graphql-yoga peer: same schema shapes, same
// data, same wrk settings, alternating rounds; prints gateway rps / peer rps per query.
// `--alloc [iterations]`: in-process bytes/request and requests/s of the executor only.
var root = Tools.FindRepoRoot();
if (args.Length > 0 && args[0] == "--alloc")
    return await AllocHarness.RunAsync(root, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000);

var settings = BenchSettings.Parse(args);
await Wrk.EnsureInstalledAsync();

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, settings.GatewayPort));
var data = new BenchData();
builder.Services.AddGraphQLServer(BenchSchema.Create(data), o => o.Development = false);
var app = builder.Build();
app.MapGraphQL();
await app.StartAsync();
var gateway = new Uri($"http://127.0.0.1:{settings.GatewayPort}/graphql");

using var peer = await PeerServer.StartAsync(root, settings.PeerPort);
var peerSource = Path.Combine(root, ".tmp", "graphql-peer");
var queries = new[] { ("item", File.ReadAllText(Path.Combine(peerSource, "query-item.json")).Trim()), ("list", File.ReadAllText(Path.Combine(peerSource, "query-list.json")).Trim()) };

// Same answers first: a fast wrong server proves nothing.
using (var http = new HttpClient())
{
    foreach (var (name, body) in queries)
    {
        var ours = await PostAsync(http, gateway, body);
        var theirs = await PostAsync(http, peer.Endpoint, body);
        if (!JsonNode.DeepEquals(JsonNode.Parse(ours), JsonNode.Parse(theirs)))
            throw new InvalidOperationException($"{name}: responses differ\nours:   {ours}\ntheirs: {theirs}");
        Console.WriteLine($"{name}: responses identical ({ours.Length} bytes)");
    }
}

var scripts = Path.Combine(root, ".tmp", "bench-wrk");
Console.WriteLine($"wrk: {settings.Connections} connections, {settings.Threads} thread(s), {settings.Rounds} rounds of {settings.Duration.TotalSeconds:0} s per server and query (after a warm-up)");
foreach (var (name, body) in queries)
{
    var script = Wrk.WriteScript(scripts, name, body);
    await Wrk.RunAsync(gateway, script, settings.Connections, settings.Threads, settings.Warmup);
    await Wrk.RunAsync(peer.Endpoint, script, settings.Connections, settings.Threads, settings.Warmup);
    double ourTotal = 0, peerTotal = 0;
    for (var round = 0; round < settings.Rounds; round++)
    {
        // Alternate who goes first so drift (thermal, other load) hits both alike.
        double ours, theirs;
        if (round % 2 == 0)
        {
            ours = await Wrk.RunAsync(gateway, script, settings.Connections, settings.Threads, settings.Duration);
            theirs = await Wrk.RunAsync(peer.Endpoint, script, settings.Connections, settings.Threads, settings.Duration);
        }
        else
        {
            theirs = await Wrk.RunAsync(peer.Endpoint, script, settings.Connections, settings.Threads, settings.Duration);
            ours = await Wrk.RunAsync(gateway, script, settings.Connections, settings.Threads, settings.Duration);
        }

        Console.WriteLine($"{name} round {round + 1}: gateway {ours:0} rps, peer {theirs:0} rps");
        ourTotal += ours;
        peerTotal += theirs;
    }

    Console.WriteLine($"{name}: gateway {ourTotal / settings.Rounds:0} rps, peer {peerTotal / settings.Rounds:0} rps");
    Console.WriteLine($"{name} ratio: {(ourTotal / peerTotal).ToString("0.00", CultureInfo.InvariantCulture)}");
}

await app.StopAsync();
return 0;

static async Task<string> PostAsync(HttpClient http, Uri endpoint, string body)
{
    using var content = new StringContent(body, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(endpoint, content);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{endpoint}: {(int)response.StatusCode} {text}");
    using var document = JsonDocument.Parse(text);
    if (document.RootElement.TryGetProperty("errors", out _)) throw new InvalidOperationException($"{endpoint}: errors {text}");
    return text;
}

internal sealed record BenchSettings(int GatewayPort, int PeerPort, int Connections, int Threads, int Rounds, TimeSpan Duration, TimeSpan Warmup)
{
    public static BenchSettings Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2) values[args[i].TrimStart('-')] = args[i + 1];
        int Get(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchSettings(
            Get("port", 5480), Get("peer-port", 4480), Get("connections", 32), Get("threads", 1), Get("rounds", 3),
            TimeSpan.FromSeconds(Get("seconds", 8)), TimeSpan.FromSeconds(Get("warmup", 4)));
    }
}
