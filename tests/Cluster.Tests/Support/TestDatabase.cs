using Npgsql;

namespace Marketplace.Cluster.Tests;

/// <summary>
/// A fresh database on the test server named by <c>MARKETPLACE_TEST_POSTGRES</c> (scripts/test.sh exports what
/// scripts/postgres.sh start prints), dropped afterwards, so runs never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "MARKETPLACE_TEST_POSTGRES";

    public const string SkipReason =
        $"Needs {Variable} (start a server with `MARKETPLACE_PG_PORT=55433 scripts/postgres.sh start` and export what it prints).";

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private readonly string _server;
    private readonly string _name;

    private TestDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(SkipReason);
        var name = $"mkt_cluster_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new TestDatabase(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover test database holds nothing anyone reads.
        }
    }
}

/// <summary>A test that needs the PostgreSQL server named by <c>MARKETPLACE_TEST_POSTGRES</c>; skipped, saying why, without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.ServerConnectionString is null) Skip = TestDatabase.SkipReason;
    }
}
