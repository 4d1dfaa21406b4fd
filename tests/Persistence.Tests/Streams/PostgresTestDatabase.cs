using Marketplace.Persistence.Streams;
using Npgsql;

namespace Marketplace.Persistence.Tests.Streams;

/// <summary>A test that needs the private PostgreSQL server: skipped, with the reason, when
/// MARKETPLACE_TEST_POSTGRES is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "MARKETPLACE_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
            Skip = $"{Variable} is not set: start a server with scripts/postgres.sh start and pass the connection string it prints in {Variable}.";
    }
}

/// <summary>A fresh database per test class, with our streaming script applied (the same embedded file the
/// schema installer will run), dropped afterwards.</summary>
public sealed class PostgresTestDatabase : IAsyncLifetime
{
    public const string StreamingScript = "sql/postgres/05-streaming.sql";

    public string? ConnectionString { get; private set; }
    private string? _adminConnectionString;
    private string? _name;

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable);
        if (string.IsNullOrWhiteSpace(_adminConnectionString))
            return;
        _name = "mp_streams_" + Guid.NewGuid().ToString("N")[..12];
        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {_name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _name }.ConnectionString;
        // Twice: the script must be safe to apply at every start.
        await ApplyAsync(ReadScript(StreamingScript));
        await ApplyAsync(ReadScript(StreamingScript));
    }

    public static string ReadScript(string name)
    {
        var assembly = typeof(MarketplaceStreamsExtensions).Assembly;
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"{name} is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task ApplyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        if (_name is null || _adminConnectionString is null)
            return;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
