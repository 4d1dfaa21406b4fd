using Marketplace.Persistence.Schema;
using Marketplace.Persistence.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Marketplace.Persistence.Tests.Reminders;

/// <summary>Orleans' own ADO.NET reminder table, running our PostgreSQL statements.</summary>
public sealed class PostgresReminderTableTests(TestPostgres postgres) : ReminderTableContract, IClassFixture<TestPostgres>, IDisposable
{
    private readonly List<ServiceProvider> providers = [];

    protected override async Task<IReminderTable> CreateTableAsync()
    {
        await new SchemaInstaller(Options.Create(new SchemaOptions()), NullLogger<SchemaInstaller>.Instance)
            .InstallAsync(new SchemaTarget(SchemaDatabase.Postgres, postgres.ConnectionString), default);

        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o => o.ServiceId = "contract-" + Guid.NewGuid().ToString("N"));
        services.UseAdoNetReminderService(options => options.Configure(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = postgres.ConnectionString;
        }));
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        var table = provider.GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }

    [PostgresFact]
    public Task Upsert_read_and_remove_follow_the_ETag() => RunUpsertReadRemove();

    [PostgresFact]
    public Task Rows_of_one_grain() => RunReadRowsOfGrain();

    [PostgresFact]
    public Task Rows_of_a_ring_range() => RunReadRowsOfRingRange();

    public void Dispose()
    {
        foreach (var provider in providers)
            provider.Dispose();
    }
}
