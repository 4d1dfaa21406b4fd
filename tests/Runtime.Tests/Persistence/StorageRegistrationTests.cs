using System.Diagnostics.Metrics;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Persistence.Memory;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Reminders.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Runtime.Tests.Persistence;

/// <summary>How grains get their storage: provider registration by name, configuration, the factory's rules and metrics.</summary>
public sealed class StorageRegistrationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_factory_binds_each_state_to_the_provider_named_by_the_attribute()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage().AddSqliteGrainStorage("files", o => o.Path = _folder.File("files.db"));
        await using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();
        var grain = TestStates.NewGrain();
        var context = new RecordingGrainContext(grain);

        var inMemory = factory.Create<ListingState>(context, new PersistentStateAttribute("listing"));
        var inFile = factory.Create<ListingState>(context, new PersistentStateAttribute("listing", "files"));
        inFile.State = TestStates.Sample("in the file");
        await inFile.WriteStateAsync();
        await inMemory.ReadStateAsync();

        Assert.False(inMemory.RecordExists);
        Assert.Equal("", inMemory.State.Title);
        var again = factory.Create<ListingState>(context, new PersistentStateAttribute("listing", "files"));
        await again.ReadStateAsync();
        Assert.Equal("in the file", again.State.Title);
    }

    [Fact]
    public async Task A_state_bound_to_an_unregistered_provider_fails_with_a_clear_error()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage();
        await using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();

        var error = Assert.Throws<InvalidOperationException>(() =>
            factory.Create<ListingState>(new RecordingGrainContext(TestStates.NewGrain()), new PersistentStateAttribute("listing", "archive")));
        Assert.Contains("'archive'", error.Message);
    }

    public sealed record PositionalOnly(string Name);

    [Fact]
    public async Task A_state_type_without_a_parameterless_constructor_is_reported_at_binding()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage();
        await using var services = silo.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();

        var error = Assert.Throws<InvalidOperationException>(() =>
            factory.Create<PositionalOnly>(new RecordingGrainContext(TestStates.NewGrain()), new PersistentStateAttribute("s")));
        Assert.Contains(nameof(PositionalOnly), error.Message);
    }

    [Fact]
    public async Task Storage_operations_record_latency_on_the_runtime_meter()
    {
        var silo = new TestSiloBuilder();
        silo.AddMemoryGrainStorage();
        await using var services = silo.Build();
        var measurements = new List<(double Value, string? Operation, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName && instrument.Name == StorageMetrics.LatencyInstrument) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            string? operation = null, outcome = null;
            foreach (var t in tags)
            {
                if (t.Key == "operation") operation = t.Value as string;
                if (t.Key == "outcome") outcome = t.Value as string;
            }
            lock (measurements) measurements.Add((value, operation, outcome));
        });
        listener.Start();

        var factory = services.GetRequiredService<IPersistentStateFactory>();
        var grain = TestStates.NewGrain();
        var state = factory.Create<ListingState>(new RecordingGrainContext(grain), new PersistentStateAttribute("listing"));
        var stale = factory.Create<ListingState>(new RecordingGrainContext(grain), new PersistentStateAttribute("listing"));
        await state.ReadStateAsync();
        await state.WriteStateAsync();
        await Assert.ThrowsAsync<InconsistentStateException>(stale.WriteStateAsync);

        lock (measurements)
        {
            Assert.Contains(measurements, m => m.Operation == "read" && m.Outcome == "ok" && m.Value >= 0);
            Assert.Contains(measurements, m => m.Operation == "write" && m.Outcome == "ok");
            Assert.Contains(measurements, m => m.Operation == "write" && m.Outcome == "conflict");
        }
    }

    [Fact]
    public async Task Configuration_defaults_to_a_sqlite_file_for_state_and_reminders()
    {
        var path = _folder.File("configured.db");
        var silo = new TestSiloBuilder(new Dictionary<string, string?> { ["Storage:SqlitePath"] = path });
        silo.UseStorageFromConfiguration();
        await using var services = silo.Build();

        var state = services.GetRequiredService<IPersistentStateFactory>()
            .Create<ListingState>(new RecordingGrainContext(TestStates.NewGrain()), new PersistentStateAttribute("listing"));
        await state.WriteStateAsync();
        var reminders = services.GetRequiredService<IReminderService>();
        var grain = TestStates.NewGrain("escrow");
        await reminders.RegisterOrUpdateReminder(grain, "deadline", TimeSpan.FromHours(1), TimeSpan.FromHours(1));

        Assert.True(File.Exists(path));
        Assert.Contains(services.GetServices<IHostedService>(), s => s is ReminderService);
        Assert.NotNull(await reminders.GetReminder(grain, "deadline"));
    }

    [Fact]
    public async Task Configuration_can_select_memory()
    {
        var silo = new TestSiloBuilder(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory" });
        silo.UseStorageFromConfiguration();
        await using var services = silo.Build();

        Assert.IsType<MemoryGrainStorage>(services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default));
        Assert.IsType<MemoryReminderTable>(services.GetRequiredService<IReminderTable>());
    }

    [Fact]
    public async Task Configuration_can_select_postgres()
    {
        var schema = new PostgresSchema();
        await schema.InitializeAsync();
        try
        {
            var silo = new TestSiloBuilder(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Postgres",
                ["ConnectionStrings:Postgres"] = schema.ConnectionString,
            });
            silo.UseStorageFromConfiguration();
            await using var services = silo.Build();

            var grain = TestStates.NewGrain();
            var state = services.GetRequiredService<IPersistentStateFactory>()
                .Create<ListingState>(new RecordingGrainContext(grain), new PersistentStateAttribute("listing"));
            state.State = TestStates.Sample("in postgres");
            await state.WriteStateAsync();
            await services.GetRequiredService<IReminderService>().RegisterOrUpdateReminder(grain, "r", TimeSpan.Zero, TimeSpan.FromHours(1));
        }
        finally
        {
            await schema.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("Postgres", null, "ConnectionStrings:Postgres")]
    [InlineData("Cassandra", null, "'Cassandra'")]
    public void Bad_storage_configuration_fails_with_a_clear_error(string provider, string? connectionString, string expected)
    {
        var silo = new TestSiloBuilder(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["ConnectionStrings:Postgres"] = connectionString,
        });

        var error = Assert.Throws<InvalidOperationException>(silo.UseStorageFromConfiguration);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("postgres", "001_grain_state.sql")]
    [InlineData("postgres", "002_reminders.sql")]
    [InlineData("sqlite", "001_grain_state.sql")]
    [InlineData("sqlite", "002_reminders.sql")]
    public void The_providers_run_the_schema_scripts_shipped_in_deploy(string dialect, string script)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Marketplace.sln"))) root = Path.GetDirectoryName(root)!;
        var shipped = File.ReadAllText(Path.Combine(root, "deploy", "sql", dialect, script));

        Assert.Equal(shipped, Marketplace.Runtime.Persistence.AdoNet.SqlScripts.Load(dialect, script));
    }

    public void Dispose() => _folder.Dispose();
}
