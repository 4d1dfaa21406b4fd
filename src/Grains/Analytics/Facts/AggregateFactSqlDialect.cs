using System.Data.Common;
using Marketplace.Grains.Common;
using Marketplace.Grains.Listings;
using Npgsql;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// What differs between the SQL fact stores: the data source, column types in the schema, how a text's
/// stored bytes are measured. Statements are shared (see <see cref="SqlAggregateFactStore"/>). As the
/// listing store, the store creates its table itself at start with an idempotent script.
/// </summary>
public abstract class AggregateFactSqlDialect : SqlStoreDialect
{
    /// <summary>SQL for the UTF-8 byte length of a text column.</summary>
    public abstract string ByteLength(string column);

    /// <summary>
    /// One row per (aggregate, fact); the fact key "#" is the aggregate's header (version = its revision).
    /// The primary key is the only index: activation reads one aggregate's rows by its prefix, writes hit single rows.
    /// </summary>
    protected static string Schema(string text, string bigint, string idType, string tableOptions) => $"""
        CREATE TABLE IF NOT EXISTS aggregate_facts (
            aggregate_key {idType} NOT NULL,
            fact_key {idType} NOT NULL,
            version {bigint} NOT NULL,
            applied {text} NOT NULL,
            payload {text} NOT NULL,
            PRIMARY KEY (aggregate_key, fact_key)
        ){tableOptions};
        """;
}

/// <summary>SQLite file (WAL), the embedded default: ./data/marketplace.aggregates.db beside the grain store.</summary>
public sealed class SqliteAggregateFactDialect : AggregateFactSqlDialect
{
    public SqliteAggregateFactDialect(string path)
    {
        DataSource = SqliteFile(path);
    }

    public override string Name => "sqlite";
    protected override DbDataSource DataSource { get; }

    // WITHOUT ROWID: rows are stored in primary-key order, so an aggregate's rows are one contiguous range.
    // synchronous stays FULL (SQLite's default): a committed write is on disk before it is acknowledged.
    public override string SchemaScript { get; } = "PRAGMA journal_mode=WAL;\n" + Schema("TEXT", "INTEGER", "TEXT", " WITHOUT ROWID");

    public override string ByteLength(string column) => $"length(CAST({column} AS BLOB))";
}

/// <summary>PostgreSQL for a cluster (table aggregate_facts beside the listings).</summary>
public sealed class PostgresAggregateFactDialect(string connectionString) : AggregateFactSqlDialect
{
    // Any constant shared by every process creating this schema (concurrent CREATE IF NOT EXISTS can race).
    private const long SchemaLockKey = 0x41676746616374;

    public override string Name => "postgres";
    protected override DbDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);
    public override string SchemaScript { get; } = Schema("text", "bigint", "text COLLATE \"C\"", "");

    public override string ByteLength(string column) => $"octet_length({column})";

    public override Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        RunSchemaUnderLockAsync(connection, SchemaLockKey, cancellationToken);
}
