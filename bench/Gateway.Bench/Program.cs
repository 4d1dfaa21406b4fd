using Marketplace.Bench;
using System.Diagnostics;
using System.Globalization;
using Marketplace.Gateway.Bench;
using Marketplace.Gateway.Hosting;
using Marketplace.Grains.Analytics;
using Marketplace.Grains.Interfaces.Analytics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// 1. Load: the peer's data set through grains into the gateway (dev mode: in-process silo; SQLite grain, listing and
//    aggregate stores as in dev mode by default, --storage Postgres for PostgreSQL, Memory for the unit-test stores),
//    printing items/s at every 10%, then the first and last 10%'s rates and their ratio (flat when ~1).
// 2. Read side: waits until the listing projection and the platform aggregate hold every item; prints the largest
//    aggregates' stored bytes (rows of aggregate_facts).
// 3. Reads: gateway vs the graphql-yoga peer, same data set, load generator and connections, alternating slots;
//    prints "item ratio" and "list ratio" (gateway requests per second / peer requests per second). --rounds 0 skips it.
// Ends with the total wall time.
// Usage: dotnet run -c Release --project bench/Gateway.Bench [-- --items 50000 --storage Sqlite|Postgres|Memory --seconds 5 --rounds 3 --workers 16]
// --orders N instead measures the order lists with N orders in the projection against the item query (OrderListBench.cs).
// --recommendations instead measures Item.similar and Buyer.recommended with --items listings against the item queries (RecommendationBench.cs).
var wall = Stopwatch.StartNew();
var options = BenchArguments.Parse(args);
var root = BenchArguments.FindRepositoryRoot();
var peerDirectory = BenchArguments.FindPeerDirectory(root);
var scratch = Path.Combine(root, ".tmp", "gateway-bench");
if (Directory.Exists(Path.Combine(scratch, "data"))) Directory.Delete(Path.Combine(scratch, "data"), recursive: true);
Directory.CreateDirectory(scratch);

// PostgreSQL: a database of its own on MARKETPLACE_BENCH_POSTGRES or the private server of scripts/postgres.sh, dropped at the end.
using var postgres = options.Storage == "Postgres" ? PrivatePostgres.Acquire() : null;
string? benchDatabase = null;
if (postgres is not null)
{
    benchDatabase = await RecreateDatabaseAsync(postgres.ConnectionString, "marketplace_gateway_bench");
}

try
{
    var settings = new Dictionary<string, string?>
    {
        ["Storage:Provider"] = options.Storage,
        ["Storage:SqlitePath"] = Path.Combine(scratch, "data", "marketplace.db"),
        ["Auth:AdminToken"] = "bench-admin",
        ["Logging:LogLevel:Default"] = "Warning",
        // One address sends thousands of requests a second here: that is the measurement, not abuse.
        ["RateLimits:Enabled"] = "false",
        // Orleans warns of every turn longer than 1 s; on SQLite the item and seller grains' state writes block
        // their turns while they wait for the file's write lock, and thousands of such lines would bury the progress.
        ["Logging:LogLevel:Orleans.Runtime.Scheduler.WorkItemGroup"] = "Error",
    };
    if (benchDatabase is not null) settings["ConnectionStrings:Postgres"] = benchDatabase;
    var app = GatewayApp.Build(["--urls", "http://127.0.0.1:0", "--environment", "Production"], builder =>
        builder.Configuration.AddInMemoryCollection(settings));
    await app.StartAsync();
    var gatewayEndpoint = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/graphql");
    var grains = app.Services.GetRequiredService<IClusterClient>();

    if (options.Recommendations)
    {
        await RecommendationBench.RunAsync(grains, gatewayEndpoint, options,
            File.ReadAllText(Path.Combine(peerDirectory, "query-item.json")), File.ReadAllText(Path.Combine(peerDirectory, "query-list.json")));
        await app.StopAsync();
    }
    else if (options.Orders > 0)
    {
        await OrderListBench.RunAsync(app.Services, grains, gatewayEndpoint, options, settings["Auth:AdminToken"]!,
            File.ReadAllText(Path.Combine(peerDirectory, "query-item.json")));
        await app.StopAsync();
    }
    else
    {
        Console.WriteLine($"loading {options.Items:N0} items and 1,000 sellers through grains ({options.Storage}); items/s at every 10%:");
        LoadProgress? progress = null;
        var load = Stopwatch.StartNew();
        await PeerDataSet.LoadAsync(grains, options.Items, 1000,
            onSellersReady: () => progress = new LoadProgress(options.Items),
            onItemLoaded: () => progress!.ItemLoaded());
        progress!.PrintSummary(options.Storage);

        // The read side follows item events through streams: wait until it holds every item.
        var listBody = File.ReadAllText(Path.Combine(peerDirectory, "query-list.json"));
        await BenchArguments.WaitForListingAsync(gatewayEndpoint, listBody, (options.Items + 4) / 5);
        Console.WriteLine($"listing projection settled (every item in its category's listing) {load.Elapsed.TotalSeconds:F1} s after the load started");
        var platform = grains.GetGrain<IPlatformDashboardGrain>(MarketStreams.PlatformKey);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(15);
        while ((await platform.GetStatsAsync(new StatsQuery(StatsWindow.AllTime, DailyDays: 0))).ActiveListings < options.Items)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The platform aggregate did not reach every item.");
            await Task.Delay(500);
        }
        Console.WriteLine($"aggregates settled (the platform counts every item) {load.Elapsed.TotalSeconds:F1} s after the load started");
        foreach (var size in await app.Services.GetRequiredService<IAggregateFactStore>().LargestAsync(3))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stored aggregate {size.AggregateKey}: {size.Bytes:N0} bytes in {size.Rows:N0} rows ({(double)size.Bytes / Math.Max(size.Rows, 1):F0} bytes a row)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"process: {Environment.WorkingSet / 1048576.0:F0} MB working set, {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MB managed heap after a full collection"));

        if (options.Rounds > 0)
        {
            await using var peer = await PeerServer.StartAsync(peerDirectory, Path.Combine(scratch, "peer"), options.PeerPort);
            var itemBody = File.ReadAllText(Path.Combine(peerDirectory, "query-item.json"));
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
        }

        await app.StopAsync();
    }
}
finally
{
    if (postgres is not null && benchDatabase is not null)
    {
        NpgsqlConnection.ClearAllPools();
        await DropDatabaseAsync(postgres.ConnectionString, "marketplace_gateway_bench");
    }
}
Console.WriteLine($"total wall time {wall.Elapsed.TotalSeconds:F1} s");

static async Task<string> RecreateDatabaseAsync(string server, string name)
{
    await DropDatabaseAsync(server, name);
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
    await create.ExecuteNonQueryAsync();
    return new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
}

static async Task DropDatabaseAsync(string server, string name)
{
    await using var connection = new NpgsqlConnection(server);
    await connection.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
    await drop.ExecuteNonQueryAsync();
}
