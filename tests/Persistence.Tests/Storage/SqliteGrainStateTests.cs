using Marketplace.Persistence.Tests.Grains;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

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

    public void Dispose() => sqlite.Dispose();
}
