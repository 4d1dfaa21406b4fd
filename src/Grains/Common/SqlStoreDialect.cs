using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Marketplace.Grains.Common;

/// <summary>
/// What a store that keeps its own tables (the listing projection, the aggregates' facts) needs from a database:
/// its data source and its idempotent schema script. On PostgreSQL the script runs under an advisory lock
/// (<see cref="RunSchemaUnderLockAsync"/>), so silos starting together do not race on CREATE ... IF NOT EXISTS.
/// </summary>
public abstract class SqlStoreDialect : IAsyncDisposable
{
    public abstract string Name { get; }
    protected abstract DbDataSource DataSource { get; }

    /// <summary>Schema, idempotent (IF NOT EXISTS).</summary>
    public abstract string SchemaScript { get; }

    public virtual async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    public virtual async Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = SchemaOnceConnections.Command(connection, null, SchemaScript);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The schema script in a transaction holding the advisory lock <paramref name="lockKey"/> (PostgreSQL).</summary>
    protected async Task RunSchemaUnderLockAsync(DbConnection connection, long lockKey, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = SchemaOnceConnections.Command(connection, transaction, $"SELECT pg_advisory_xact_lock({lockKey});"))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await using (var command = SchemaOnceConnections.Command(connection, transaction, SchemaScript))
            await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A pooled SQLite file data source (the directory is created): the embedded stores' common set-up.</summary>
    protected static DbDataSource SqliteFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30,
        }.ToString();
        return SqliteFactory.Instance.CreateDataSource(connectionString);
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
