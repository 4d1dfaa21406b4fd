using Npgsql;

namespace Marketplace.Persistence.Tests.Infrastructure;

/// <summary>
/// A private database on the test server (scripts/postgres.sh start prints the server's connection string;
/// the CI script passes it as MARKETPLACE_TEST_POSTGRES). Each test class takes a fresh database, so runs
/// and classes never see each other's rows; it is dropped when the class is done.
/// </summary>
public sealed class TestPostgres : IAsyncLifetime
{
    public const string Variable = "MARKETPLACE_TEST_POSTGRES";

    public const string SkipReason =
        $"PostgreSQL tests need {Variable} (start a server with `MARKETPLACE_PG_PORT=55433 scripts/postgres.sh start` and export what it prints).";

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    private readonly string name = $"mkt_test_{Guid.NewGuid():N}";

    /// <summary>The connection string of this class's database (empty when there is no server: the tests skip).</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (ServerConnectionString is not { } server)
            return;
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();
    }

    /// <summary>A second, separate database (a test that needs two).</summary>
    public async Task<string> CreateExtraDatabaseAsync(string suffix)
    {
        var extra = $"{name}_{suffix}";
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{extra}\"", connection);
        await command.ExecuteNonQueryAsync();
        extras.Add(extra);
        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = extra }.ToString();
    }

    private readonly List<string> extras = [];

    public async Task DisposeAsync()
    {
        if (ServerConnectionString is not { } server || ConnectionString.Length == 0)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        foreach (var database in extras.Append(name))
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs a query on this database and returns the first column of every row.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
            values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
