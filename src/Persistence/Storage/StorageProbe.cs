namespace Marketplace.Persistence.Storage;

/// <summary>Whether the configured grain store answers a query now; readiness checks ask it (a silo without its store cannot keep a write).</summary>
public sealed class StorageProbe(string store, Func<CancellationToken, Task> query)
{
    /// <summary>Sqlite, Postgres or Memory.</summary>
    public string Store { get; } = store;

    /// <summary>Runs <c>SELECT 1</c> on the store; throws what the database throws.</summary>
    public Task CheckAsync(CancellationToken cancellationToken) => query(cancellationToken);

    internal static async Task SelectOneAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
        }
    }
}
