using Npgsql;

namespace Marketplace.Grains.Tests.Harness;

/// <summary>
/// Fresh PostgreSQL databases for store tests, one per <see cref="CreateAsync"/>, on the server of
/// MARKETPLACE_TEST_POSTGRES (scripts/postgres.sh start); dropped again by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class ScratchPostgres : IAsyncDisposable
{
    private readonly List<string> _databases = [];

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES") is { Length: > 0 } cs ? cs
            : throw new InvalidOperationException(
                "MARKETPLACE_TEST_POSTGRES is not set: start PostgreSQL with `MARKETPLACE_PG_PORT=<port> scripts/postgres.sh start` and export its connection string.");

    /// <summary>Creates a database named <paramref name="prefix"/>_&lt;guid&gt; and answers its connection string.</summary>
    public async Task<string> CreateAsync(string prefix)
    {
        var server = ServerConnectionString();
        var database = prefix + "_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await command.ExecuteNonQueryAsync();
        }
        _databases.Add(database);
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_databases.Count == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString());
        await connection.OpenAsync();
        foreach (var database in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
