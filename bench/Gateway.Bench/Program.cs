using System.Diagnostics;
using Marketplace.Gateway.Bench;
using Marketplace.Gateway.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Gateway (dev mode: in-process silo; SQLite grain and listing stores as in dev mode by default, --storage Memory for the unit-test store) vs the graphql-yoga peer, same data set,
// same load generator and connections, alternating slots. Prints "item ratio" and "list ratio"
// (gateway requests per second / peer requests per second).
// Usage: dotnet run -c Release --project bench/Gateway.Bench [-- --items 50000 --seconds 5 --rounds 3 --workers 16 --storage Sqlite]
var options = BenchArguments.Parse(args);
var root = BenchArguments.FindRepositoryRoot();
var scratch = Path.Combine(root, ".tmp", "gateway-bench");
if (Directory.Exists(Path.Combine(scratch, "data"))) Directory.Delete(Path.Combine(scratch, "data"), recursive: true);
Directory.CreateDirectory(scratch);

var app = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder =>
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = options.Storage,
        ["Storage:SqlitePath"] = Path.Combine(scratch, "data", "marketplace.db"),
        ["Auth:AdminToken"] = "bench-admin",
        ["Logging:LogLevel:Default"] = "Warning",
    });
});
await app.StartAsync();
var gatewayEndpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql");

var load = Stopwatch.StartNew();
await PeerDataSet.LoadAsync(app.Services.GetRequiredService<IClusterClient>(), options.Items, 1000);
Console.WriteLine($"loaded {options.Items} items and 1000 sellers through grains in {load.Elapsed.TotalSeconds:F1} s ({options.Storage})");

await using var peer = await PeerServer.StartAsync(Path.Combine(root, "..", "shared", "bench", "graphql-peer"), Path.Combine(scratch, "peer"), options.PeerPort);
var itemBody = File.ReadAllText(Path.Combine(root, "..", "shared", "bench", "graphql-peer", "query-item.json"));
var listBody = File.ReadAllText(Path.Combine(root, "..", "shared", "bench", "graphql-peer", "query-list.json"));

// Wait until the listing projection caught up with the loaded items (it follows item events).
await BenchArguments.WaitForListingAsync(gatewayEndpoint, listBody, options.Items / 5);
Console.WriteLine($"read side settled (every item in its category's listing) {load.Elapsed.TotalSeconds:F1} s after the load started");

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Workers, PooledConnectionLifetime = Timeout.InfiniteTimeSpan });
var generator = new LoadGenerator(http, options.Workers);
var slot = TimeSpan.FromSeconds(options.Seconds);
foreach (var (name, body) in new[] { ("item", itemBody), ("list", listBody) })
{
    // Warm-up both sides (JIT, connections, caches), then alternate measured slots.
    await generator.RunAsync(gatewayEndpoint, body, TimeSpan.FromSeconds(2));
    await generator.RunAsync(peer.Endpoint, body, TimeSpan.FromSeconds(2));
    double gateway = 0, peerRate = 0;
    for (var round = 0; round < options.Rounds; round++)
    {
        var g = await generator.RunAsync(gatewayEndpoint, body, slot);
        var p = await generator.RunAsync(peer.Endpoint, body, slot);
        Console.WriteLine($"  {name} round {round + 1}: gateway {g:F0} req/s, peer {p:F0} req/s");
        gateway += g;
        peerRate += p;
    }
    Console.WriteLine($"{name} ratio: {gateway / peerRate:F2} (gateway {gateway / options.Rounds:F0} req/s, peer {peerRate / options.Rounds:F0} req/s, {options.Workers} connections)");
}

await app.StopAsync();
