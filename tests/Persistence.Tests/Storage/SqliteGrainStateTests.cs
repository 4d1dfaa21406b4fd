using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Marketplace.Persistence.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Marketplace.Persistence.Tests.Storage;

public sealed class SqliteGrainStateTests : GrainStateTests, IDisposable
{
    private readonly TestSqlite sqlite = new();

    protected override Dictionary<string, string?> StorageSettings => TestHosts.Sqlite(sqlite.Path);

    protected override Task<List<string>> StoredPayloadsAsync() =>
        Task.FromResult(sqlite.Query<string>("SELECT payload FROM orleans_grain_state WHERE state_type = 'test-item/item' AND payload IS NOT NULL"));

    [Fact]
    public Task A_new_silo_reads_what_a_stopped_silo_wrote() => RunWriteStopReadBack();

    [Fact]
    public Task A_stale_ETag_is_refused_with_InconsistentStateException() => RunStaleETagIsRefused();

    [Fact]
    public Task Stored_JSON_names_no_CLR_types() => RunStoredJsonHasNoTypeNames();

    [Fact]
    public async Task Two_hundred_grains_writing_at_once_all_succeed()
    {
        // Every write is its own SQLite transaction and SQLite has one write lock per file: without WAL and a
        // busy timeout, most of these fail with "database is locked".
        const int grains = 200, writesEach = 3;
        var host = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            var factory = host.Services.GetRequiredService<IGrainFactory>();
            await Task.WhenAll(Enumerable.Range(0, grains).Select(i => factory.GetGrain<IStateTestGrain>($"busy-{i}").Bump(writesEach)));
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }

        var rows = sqlite.Query<long>("SELECT count(*) FROM orleans_grain_state WHERE key_text LIKE 'busy-%' AND json_extract(payload, '$.writes') = 3");
        Assert.Equal(grains, rows.Single());
    }

    [Fact]
    public async Task Writes_arriving_together_commit_together_and_a_stale_one_fails_alone()
    {
        var host = await TestHosts.StartSiloAsync(TestHosts.SingleSilo(StorageSettings));
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            Assert.IsType<SqliteGrainStorage>(storage);
            var taken = new GrainState<TestItemState>(Sample("taken"));
            await storage.WriteStateAsync("item", GrainId.Create("test-item", "taken"), taken);

            // 100 fresh writers and one blind writer of an existing row, all at once (so in the same batches).
            var states = Enumerable.Range(0, 100).Select(i => new GrainState<TestItemState>(Sample($"batch-{i}"))).ToList();
            var writes = states.Select((state, i) => storage.WriteStateAsync("item", GrainId.Create("test-item", $"batch-{i}"), state)).ToList();
            var blind = storage.WriteStateAsync("item", GrainId.Create("test-item", "taken"), new GrainState<TestItemState>(Sample("blind")));

            await Task.WhenAll(writes);
            await Assert.ThrowsAsync<InconsistentStateException>(() => blind);
            Assert.All(states, s => Assert.Equal("1", s.ETag));
            Assert.Equal(100L, sqlite.Query<long>("SELECT count(*) FROM orleans_grain_state WHERE key_text LIKE 'batch-%' AND version = 1").Single());
            var reread = new GrainState<TestItemState>();
            await storage.ReadStateAsync("item", GrainId.Create("test-item", "taken"), reread);
            Assert.Equal("taken", reread.State.Title);

            // A clear without an ETag is refused on a row another activation wrote, and works on state never written.
            await Assert.ThrowsAsync<InconsistentStateException>(() =>
                storage.ClearStateAsync("item", GrainId.Create("test-item", "taken"), new GrainState<TestItemState>()));
            var never = new GrainState<TestItemState>();
            await storage.ClearStateAsync("item", GrainId.Create("test-item", "never-written"), never);
            Assert.False(never.RecordExists);
            await storage.WriteStateAsync("item", GrainId.Create("test-item", "never-written"), never);
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }
    }

    [Fact]
    public async Task A_row_written_by_the_ADO_NET_provider_before_reads_back_and_takes_the_next_version()
    {
        // Rows as Orleans' ADO.NET provider wrote them (string key in key_text, an integer key in key_n1).
        var settings = TestHosts.SingleSilo(StorageSettings);
        var host = await TestHosts.StartSiloAsync(settings);
        var serviceId = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Orleans.Configuration.ClusterOptions>>().Value.ServiceId;
        await TestHosts.StopAsync(host);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlite.Path}"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO orleans_grain_state (service_id, state_type, key_text, key_n0, key_n1, version, payload, modified_at)
                VALUES ($service, 'test-item/item', 'legacy-1', 0, 0, 7, '{"title":"from before","price":1}', '2026-01-01T00:00:00Z'),
                       ($service, 'test-item/item', '', 0, 42, 3, '{"title":"integer key","price":2}', '2026-01-01T00:00:00Z')
                """;
            insert.Parameters.AddWithValue("$service", serviceId);
            insert.ExecuteNonQuery();
        }

        host = await TestHosts.StartSiloAsync(settings);
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>("Default");
            var legacy = new GrainState<TestItemState>();
            await storage.ReadStateAsync("item", GrainId.Create("test-item", "legacy-1"), legacy);
            Assert.Equal(("from before", "7", true), (legacy.State.Title, legacy.ETag, legacy.RecordExists));
            await storage.WriteStateAsync("item", GrainId.Create("test-item", "legacy-1"), legacy);
            Assert.Equal("8", legacy.ETag);

            var integer = new GrainState<TestItemState>();
            await storage.ReadStateAsync("item", GrainId.Create(GrainType.Create("test-item"), GrainIdKeyExtensions.CreateIntegerKey(42)), integer);
            Assert.Equal(("integer key", "3"), (integer.State.Title, integer.ETag));
        }
        finally
        {
            await TestHosts.StopAsync(host);
        }
    }

    public void Dispose() => sqlite.Dispose();
}
