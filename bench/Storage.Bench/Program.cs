// Persisted-state writes/s through Orleans' ADO.NET grain storage on our PostgreSQL scripts (the provider the
// silos use, with our JSON state format) against the same number of raw Npgsql upserts of the same payload at
// the same concurrency, measured in the same run.
// Usage: Storage.Bench [writers=16] [writesPerRound=4000] [rounds=3]
using Marketplace.Bench;
using System.Diagnostics;
using System.Text.Json;
using Marketplace.Persistence.Clustering;
using Marketplace.Persistence.Storage;
using Marketplace.Storage.Bench;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;

var writers = args.Length > 0 ? int.Parse(args[0]) : 16;
var writesPerRound = args.Length > 1 ? int.Parse(args[1]) : 4000;
var rounds = args.Length > 2 ? int.Parse(args[2]) : 3;
const int GrainsPerWriter = 20;

// Started here when not running, and then stopped at the end (Dispose).
using var postgres = PrivatePostgres.Acquire();
var database = "bench_" + Guid.NewGuid().ToString("N")[..12];
await Execute(postgres.ConnectionString, $"CREATE DATABASE {database}");
var connectionString = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = database, MaxPoolSize = Math.Max(writers, 20) }.ToString();

try
{
    // A real silo: the provider initialises in the silo's lifecycle, after the schema installer ran our scripts.
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Postgres"] = connectionString,
        ["Cluster:SiloPort"] = FreePort().ToString(),
        ["Cluster:GatewayPort"] = FreePort().ToString(),
    });
    builder.UseOrleans(silo => silo.UseMarketplaceClustering(builder.Configuration).UseMarketplaceStorage(builder.Configuration));
    using var host = builder.Build();
    await host.StartAsync();
    var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");

    await using var raw = NpgsqlDataSource.Create(connectionString);
    await Execute(connectionString, """
        CREATE TABLE bench_raw (grain_type text NOT NULL, grain_key text NOT NULL, state_name text NOT NULL, payload jsonb NULL,
            version bigint NOT NULL, modified_at timestamptz NOT NULL, PRIMARY KEY (grain_type, grain_key, state_name))
        """);
    var payload = JsonSerializer.Serialize(new BenchState());

    Console.WriteLine($"writers: {writers}, writes per round: {writesPerRound}, rounds: {rounds}, grains per writer: {GrainsPerWriter}");
    // Warm-up: fills the pools and JITs both paths; each round after that writes distinct grains.
    await ProviderRound("warmup", writers * GrainsPerWriter);
    await RawRound("warmup", writers * GrainsPerWriter);

    var providerRates = new List<double>();
    var rawRates = new List<double>();
    for (var round = 0; round < rounds; round++)
    {
        rawRates.Add(await RawRound($"r{round}", writesPerRound));
        providerRates.Add(await ProviderRound($"r{round}", writesPerRound));
        Console.WriteLine($"round {round + 1}: raw upserts {rawRates[^1]:F0}/s, provider writes {providerRates[^1]:F0}/s");
    }

    static double Median(List<double> values) { var s = values.Order().ToList(); return s[s.Count / 2]; }
    var providerRate = Median(providerRates);
    var rawRate = Median(rawRates);
    Console.WriteLine($"median: raw upserts {rawRate:F0}/s, provider writes {providerRate:F0}/s");
    Console.WriteLine($"postgres write ratio: {providerRate / rawRate:F2}");
    await host.StopAsync();

    async Task<double> ProviderRound(string round, int writes)
    {
        // Each writer owns distinct grains and writes them in turn (first write inserts, later ones compare-and-swap on the ETag).
        var states = Enumerable.Range(0, writers).Select(w => Enumerable.Range(0, GrainsPerWriter).Select(g =>
            (Id: GrainId.Create("bench", $"{round}-{w}-{g}"), State: new GrainState<BenchState>(new BenchState()))).ToArray()).ToArray();
        return await Timed(writes, async (writer, i) =>
        {
            var (id, state) = states[writer][i % GrainsPerWriter];
            await storage.WriteStateAsync("state", id, state);
        });
    }

    async Task<double> RawRound(string round, int writes) =>
        await Timed(writes, async (writer, i) =>
        {
            await using var connection = await raw.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO bench_raw (grain_type, grain_key, state_name, payload, version, modified_at)
                VALUES (@type, @key, @state, @payload::jsonb, 1, @now)
                ON CONFLICT (grain_type, grain_key, state_name)
                DO UPDATE SET payload = excluded.payload, version = bench_raw.version + 1, modified_at = excluded.modified_at
                """, connection);
            command.Parameters.AddWithValue("type", "bench");
            command.Parameters.AddWithValue("key", $"{round}-{writer}-{i % GrainsPerWriter}");
            command.Parameters.AddWithValue("state", "state");
            command.Parameters.AddWithValue("payload", payload);
            command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow);
            await command.ExecuteNonQueryAsync();
        });

    async Task<double> Timed(int writes, Func<int, int, Task> write)
    {
        var perWriter = writes / writers;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < perWriter; i++) await write(w, i);
        })));
        return perWriter * writers / watch.Elapsed.TotalSeconds;
    }
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Execute(postgres.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task Execute(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
