using Marketplace.Persistence.Tests.Infrastructure;

namespace Marketplace.Persistence.Tests.Storage;

public sealed class PostgresGrainStateTests(TestPostgres postgres) : GrainStateTests, IClassFixture<TestPostgres>
{
    protected override Dictionary<string, string?> StorageSettings => TestHosts.Postgres(postgres.ConnectionString);

    protected override Task<List<string>> StoredPayloadsAsync() =>
        postgres.QueryAsync<string>("SELECT payload::text FROM orleans_grain_state WHERE state_type = 'test-item/item' AND payload IS NOT NULL");

    [PostgresFact]
    public Task A_new_silo_reads_what_a_stopped_silo_wrote() => RunWriteStopReadBack();

    [PostgresFact]
    public Task A_stale_ETag_is_refused_with_InconsistentStateException() => RunStaleETagIsRefused();

    [PostgresFact]
    public Task Stored_JSON_names_no_CLR_types() => RunStoredJsonHasNoTypeNames();
}
