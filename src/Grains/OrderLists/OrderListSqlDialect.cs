using System.Data.Common;
using Marketplace.Grains.Common;
using Npgsql;

namespace Marketplace.Grains.OrderLists;

/// <summary>
/// What differs between the SQL order-list stores: data source, column types and schema set-up. Every
/// statement is shared (<see cref="SqlOrderListStore"/>). The table is the projection's durable form: queries
/// are answered by the in-memory index (<see cref="OrderListIndexGrain"/>), which reads it whole on
/// activation, so beyond the primary key (the version-guarded upsert) an index per filter would only slow
/// every write. The filter columns are real columns all the same, so the table can be inspected with SQL.
/// </summary>
public abstract class OrderListSqlDialect : SqlStoreDialect
{
    protected static string Schema(string text, string bigint, string idType) => $"""
        CREATE TABLE IF NOT EXISTS order_list (
            order_id {idType} PRIMARY KEY,
            version {bigint} NOT NULL,
            status INTEGER NOT NULL,
            buyer_id {idType} NOT NULL,
            seller_id {idType} NOT NULL,
            item_id {idType} NOT NULL,
            category_id {idType} NOT NULL,
            region_id {idType} NOT NULL,
            with_inspection INTEGER NOT NULL,
            created_at_ms {bigint} NOT NULL,
            updated_at_ms {bigint} NOT NULL,
            row_json {text} NOT NULL
        );
        """;
}

/// <summary>SQLite file (WAL), the embedded default: ./data/marketplace.orders.db beside the grain store.</summary>
public sealed class SqliteOrderListDialect : OrderListSqlDialect
{
    public SqliteOrderListDialect(string path)
    {
        DataSource = SqliteFile(path);
    }

    public override string Name => "sqlite";
    protected override DbDataSource DataSource { get; }
    public override string SchemaScript { get; } = "PRAGMA journal_mode=WAL;\n" + Schema("TEXT", "INTEGER", "TEXT");
}

/// <summary>PostgreSQL for a cluster (the silos share the table).</summary>
public sealed class PostgresOrderListDialect(string connectionString) : OrderListSqlDialect
{
    // Any constant shared by every process creating the order-list schema (concurrent CREATE IF NOT EXISTS can race).
    private const long SchemaLockKey = 0x4F726465724C73;

    public override string Name => "postgres";
    protected override DbDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);
    public override string SchemaScript { get; } = Schema("text", "bigint", "text COLLATE \"C\"");

    public override Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        RunSchemaUnderLockAsync(connection, SchemaLockKey, cancellationToken);
}
