using System.Data.Common;

namespace Marketplace.Grains.Common;

/// <summary>
/// Connections of a store that creates its own tables: the first connection opened runs the idempotent schema
/// script (once per process, the others wait for it); later ones are handed out as they are. Shared by the
/// listing projection and the aggregates' fact store.
/// </summary>
public sealed class SchemaOnceConnections(
    Func<CancellationToken, Task<DbConnection>> open, Func<DbConnection, CancellationToken, Task> runSchema) : IDisposable
{
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await open(cancellationToken);
        if (_schemaReady) return connection;
        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await runSchema(connection, cancellationToken);
                _schemaReady = true;
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>A command on <paramref name="connection"/> in <paramref name="transaction"/> (if any).</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public void Dispose() => _schemaGate.Dispose();
}
