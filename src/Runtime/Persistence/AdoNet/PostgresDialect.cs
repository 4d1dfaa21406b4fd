using System.Data.Common;

namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>PostgreSQL: timestamptz; schema scripts under an advisory lock (concurrent CREATE IF NOT EXISTS can race).</summary>
internal sealed class PostgresDialect : ISqlDialect
{
    // Any constant shared by every Marketplace process; only schema creation takes it.
    private const long SchemaLockKey = 0x4D61726B6574;

    public bool GroupCommitsWrites => false;

    public string Name => "postgres";

    public object ToDbTime(DateTimeOffset time) => time.ToUniversalTime();

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task RunSchemaScriptAsync(DbConnection connection, string script, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync($"SELECT pg_advisory_xact_lock({SchemaLockKey});", cancellationToken, transaction);
        await connection.ExecuteAsync(script, cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask OnConnectionOpenedAsync(DbConnection connection, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
