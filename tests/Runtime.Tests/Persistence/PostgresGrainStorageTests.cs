using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.AdoNet;

namespace Marketplace.Runtime.Tests.Persistence;

public sealed class PostgresGrainStorageTests : SqlGrainStorageContract
{
    private readonly PostgresSchema _schema = new();

    public override Task InitializeAsync() => _schema.InitializeAsync();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _schema.DisposeAsync();
    }

    protected override IGrainStorage NewStorageInstance() => Create(_schema.ConnectionString);

    private static AdoNetGrainStorage Create(string connectionString) =>
        new(AdoNetStore.ForPostgres(new PostgresStorageOptions { ConnectionString = connectionString }, SqlScripts.GrainState),
            new GrainStateSerializer(), TimeProvider.System);

    protected override Task ExecuteSqlAsync(string sql) => _schema.ExecuteAsync(sql);

    [Fact]
    public async Task A_write_through_an_unreachable_server_fails_and_leaves_the_stored_state_as_it_was()
    {
        var grain = TestStates.NewGrain();
        var good = Bind(CreateStorage(), grain);
        await good.ReadStateAsync();
        good.State = TestStates.Sample("stored");
        await good.WriteStateAsync();
        var etag = good.Etag;

        // Same schema, but nothing listens on port 1: the connection fails.
        var unreachable = new Npgsql.NpgsqlConnectionStringBuilder(_schema.ConnectionString) { Port = 1, Timeout = 3 }.ToString();
        await using var broken = Create(unreachable);
        var state = Bind(broken, grain);
        state.State = TestStates.Sample("lost");
        await Assert.ThrowsAnyAsync<Exception>(() => Bind(broken, grain).ReadStateAsync());
        await Assert.ThrowsAnyAsync<Exception>(state.WriteStateAsync);

        var check = Bind(CreateStorage(), grain);
        await check.ReadStateAsync();
        Assert.Equal("stored", check.State.Title);
        Assert.Equal(etag, check.Etag);
    }

    [Fact]
    public async Task Providers_starting_together_create_the_schema_once_without_errors()
    {
        var fresh = new PostgresSchema();
        await fresh.InitializeAsync();
        var storages = Enumerable.Range(0, 6).Select(_ => Create(fresh.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(storages.Select(s => Task.Run(() => Bind(s, TestStates.NewGrain()).WriteStateAsync())));
        }
        finally
        {
            foreach (var s in storages) await s.DisposeAsync();
            await fresh.DisposeAsync();
        }
    }
}
