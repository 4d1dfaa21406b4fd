using System.Data.Common;

namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>SQLite: times as Unix milliseconds; WAL journal; synchronous=FULL so every acknowledged commit is on disk.</summary>
internal sealed class SqliteDialect : ISqlDialect
{
    public bool GroupCommitsWrites => true;

    public string Name => "sqlite";

    public object ToDbTime(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public async Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // The journal mode is stored in the file: readers never block the writer, and commits append to the WAL.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", cancellationToken);

    public async Task RunSchemaScriptAsync(DbConnection connection, string script, CancellationToken cancellationToken) =>
        // SQLite serializes writers on the file lock, so concurrent starters are safe without extra locking.
        await connection.ExecuteAsync(script, cancellationToken);

    public async ValueTask OnConnectionOpenedAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // synchronous is per connection; FULL syncs the WAL on each commit (NORMAL could lose the last commits on power loss).
        await connection.ExecuteAsync("PRAGMA synchronous=FULL;", cancellationToken);
}
