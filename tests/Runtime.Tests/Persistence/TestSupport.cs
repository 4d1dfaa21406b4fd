using System.Collections.Immutable;
using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Streams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Runtime.Tests.Persistence;

/// <summary>A state with the shapes grains use: init-only properties, decimals, lists, immutable collections.</summary>
public sealed record ListingState
{
    public string Title { get; init; } = "";
    public decimal Price { get; init; }
    public List<decimal> Bids { get; init; } = [];
    public ImmutableList<string> Tags { get; init; } = [];
    public ImmutableDictionary<string, int> Grades { get; init; } = ImmutableDictionary<string, int>.Empty;
    public Condition Condition { get; init; } = new("unknown", 0m);
    public object? Extra { get; init; }
}

public sealed record Condition(string Grade, decimal Score);

/// <summary>An object graph the serializer refuses to write (a reference cycle).</summary>
public sealed class Cyclic
{
    public Cyclic? Self { get; set; }
    public static Cyclic Create() { var c = new Cyclic(); c.Self = c; return c; }
}

public static class TestStates
{
    public static ListingState Sample(string title = "Walnut desk", decimal price = 1234.5678901234567890123m) => new()
    {
        Title = title,
        Price = price,
        Bids = [0.1m, 19.99m, 79228162514264337593543950335m],
        Tags = ["wood", "vintage"],
        Grades = ImmutableDictionary<string, int>.Empty.Add("surface", 4).Add("joints", 5),
        Condition = new Condition("B+", 8.25m),
    };

    public static GrainId NewGrain(string type = "listing") => new(type, Guid.NewGuid().ToString("N"));
}

/// <summary>An activation context that records what the state asked of it.</summary>
public sealed class RecordingGrainContext(GrainId grainId) : IGrainContext
{
    public int DeactivateOnIdleCalls { get; private set; }
    public GrainId GrainId { get; } = grainId;
    public IServiceProvider ActivationServices => throw new NotSupportedException();
    public IGrainFactory GrainFactory => throw new NotSupportedException();
    public void DeactivateOnIdle() => DeactivateOnIdleCalls++;
    public void DelayDeactivation(TimeSpan timeSpan) { }
    public IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) => throw new NotSupportedException();
    public Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException();
    public Task UnregisterReminder(IGrainReminder reminder) => throw new NotSupportedException();
    public Task<IGrainReminder?> GetReminder(string reminderName) => throw new NotSupportedException();
    public IStreamProvider GetStreamProvider(string name) => throw new NotSupportedException();
}

/// <summary>The silo builder the providers' extension methods need, without the rest of the runtime.</summary>
public sealed class TestSiloBuilder(IDictionary<string, string?>? settings = null) : ISiloBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();
    public IConfiguration Configuration { get; } = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
    public ServiceProvider Build() => Services.BuildServiceProvider();
}

/// <summary>A temporary folder for SQLite files, removed after the test class.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("marketplace-storage-").FullName;
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// A private schema on the test PostgreSQL server (env MARKETPLACE_TEST_POSTGRES), dropped afterwards,
/// so test classes never see each other's rows.
/// </summary>
public sealed class PostgresSchema : IAsyncLifetime
{
    public const string Variable = "MARKETPLACE_TEST_POSTGRES";
    private readonly string _schema = "test_" + Guid.NewGuid().ToString("N");

    public string ConnectionString { get; private set; } = "";

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                $"{Variable} is not set: these tests need PostgreSQL. Run them with scripts/test.sh, or export " +
                $"{Variable}=\"$(MARKETPLACE_PG_PORT=<port> scripts/postgres.sh start)\".");

    public async Task InitializeAsync()
    {
        var server = ServerConnectionString();
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            await command.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = _schema, MaxPoolSize = 20 }.ToString();
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
