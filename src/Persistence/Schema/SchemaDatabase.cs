namespace Marketplace.Persistence.Schema;

/// <summary>Which folder of deploy/sql a database takes its scripts from.</summary>
public enum SchemaDatabase
{
    /// <summary>deploy/sql/postgres: membership, grain state, reminders (and whatever else lives there).</summary>
    Postgres,

    /// <summary>deploy/sql/sqlite: grain state and our reminder table in one embedded file.</summary>
    Sqlite,
}
