using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>
/// One SQL database as the providers see it: a data source, its dialect and the schema scripts
/// to run once before first use. Grain storage and the reminder table each hold one.
/// </summary>
internal sealed class AdoNetStore(DbDataSource dataSource, ISqlDialect dialect, IReadOnlyList<string> schemaScripts, bool createSchema, bool ownsDataSource)
    : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    public ISqlDialect Dialect => dialect;

    public static AdoNetStore ForSqlite(SqliteStorageOptions options, string script)
    {
        if (string.IsNullOrWhiteSpace(options.Path)) throw new ArgumentException("SqliteStorageOptions.Path is empty.", nameof(options));
        var fullPath = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        return new AdoNetStore(SqliteFactory.Instance.CreateDataSource(connectionString), new SqliteDialect(), [script], options.CreateSchema, ownsDataSource: true);
    }

    public static AdoNetStore ForPostgres(PostgresStorageOptions options, string script)
    {
        if (options.DataSource is { } shared)
            return new AdoNetStore(shared, new PostgresDialect(), [script], options.CreateSchema, ownsDataSource: false);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            throw new ArgumentException("PostgresStorageOptions needs a ConnectionString or a DataSource.", nameof(options));
        return new AdoNetStore(NpgsqlDataSource.Create(options.ConnectionString), new PostgresDialect(), [script], options.CreateSchema, ownsDataSource: true);
    }

    public async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (!_initialized) await InitializeAsync(cancellationToken);
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await dialect.OnConnectionOpenedAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized) return;
            // A failed attempt leaves _initialized false, so the next call tries again.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await dialect.InitializeDatabaseAsync(connection, cancellationToken);
            if (createSchema)
                foreach (var script in schemaScripts)
                    await dialect.RunSchemaScriptAsync(connection, SqlScripts.Load(dialect.Name, script), cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsDataSource) await dataSource.DisposeAsync();
        _initGate.Dispose();
    }

    public void Dispose()
    {
        if (ownsDataSource) dataSource.Dispose();
        _initGate.Dispose();
    }
}
