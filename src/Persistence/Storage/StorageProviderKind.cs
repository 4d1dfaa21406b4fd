namespace Marketplace.Persistence.Storage;

/// <summary>Where grain state and reminders live (<c>Storage:Provider</c>).</summary>
public enum StorageProviderKind
{
    /// <summary>One embedded SQLite file (default): a single silo, dev mode.</summary>
    Sqlite,

    /// <summary>PostgreSQL at <c>ConnectionStrings:Postgres</c>: the cluster.</summary>
    Postgres,

    /// <summary>Process memory, lost at stop: unit tests only.</summary>
    Memory,
}
