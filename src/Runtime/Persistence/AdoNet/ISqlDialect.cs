using System.Data.Common;

namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>
/// What differs between the SQL stores; the statements themselves are shared. Kept small on purpose:
/// script folder, time representation, per-connection setup and safe concurrent schema creation.
/// </summary>
internal interface ISqlDialect
{
    /// <summary>Provider name for metrics and the folder of its scripts under deploy/sql.</summary>
    string Name { get; }

    /// <summary>
    /// The database takes one writer at a time and syncs every commit (SQLite): concurrent state writes
    /// are then group-committed (one transaction for all waiting writes) instead of queueing on the file lock.
    /// </summary>
    bool GroupCommitsWrites { get; }

    object ToDbTime(DateTimeOffset time);
    DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Runs once per store before anything else (e.g. switching SQLite to WAL).</summary>
    Task InitializeDatabaseAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Runs a schema script so that concurrent starters do not trip over each other.</summary>
    Task RunSchemaScriptAsync(DbConnection connection, string script, CancellationToken cancellationToken);

    /// <summary>Per-connection settings, applied on every open.</summary>
    ValueTask OnConnectionOpenedAsync(DbConnection connection, CancellationToken cancellationToken);
}
