using System.Text.Json;

namespace Marketplace.Runtime.Persistence;

/// <summary>Settings every grain storage provider shares.</summary>
public abstract class GrainStorageOptions
{
    /// <summary>Serializer settings for payloads; records with init-only properties and immutable collections work with the defaults.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = GrainStateSerializer.CreateDefaultOptions();
}

public sealed class MemoryStorageOptions : GrainStorageOptions;

/// <summary>Settings shared by the SQL stores.</summary>
public abstract class AdoNetStorageOptions : GrainStorageOptions
{
    /// <summary>Create the tables on first use when missing (the same scripts as deploy/sql).</summary>
    public bool CreateSchema { get; set; } = true;
}

/// <summary>A SQLite file (WAL journal, synchronous=FULL: an acknowledged write survives a killed process).</summary>
public sealed class SqliteStorageOptions : AdoNetStorageOptions
{
    public const string DefaultPath = "./data/marketplace.db";

    /// <summary>Database file; its folder is created when missing.</summary>
    public string Path { get; set; } = DefaultPath;

    /// <summary>How long a writer waits for the file lock held by another writer.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class PostgresStorageOptions : AdoNetStorageOptions
{
    /// <summary>Npgsql connection string; ignored when <see cref="DataSource"/> is set.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>A data source shared with other components (its pool is then shared too).</summary>
    public Npgsql.NpgsqlDataSource? DataSource { get; set; }
}
