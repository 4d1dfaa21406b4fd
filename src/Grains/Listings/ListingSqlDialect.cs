using System.Data.Common;
using Marketplace.Grains.Common;
using Npgsql;

namespace Marketplace.Grains.Listings;

/// <summary>
/// What differs between the SQL listing stores: the data source, column types in the schema and
/// per-connection setup. Every query and write statement is shared (see <see cref="SqlListingStore"/>).
/// </summary>
public abstract class ListingSqlDialect : SqlStoreDialect
{

    protected static string Schema(string text, string bigint, string idType) => $"""
        CREATE TABLE IF NOT EXISTS listings (
            item_id {idType} PRIMARY KEY,
            version {bigint} NOT NULL,
            removed INTEGER NOT NULL,
            seller_id {idType} NOT NULL,
            region_id {idType} NOT NULL,
            grade INTEGER NOT NULL,
            status INTEGER NOT NULL,
            price_cents {bigint} NOT NULL,
            listed_at_ms {bigint} NOT NULL,
            views INTEGER NOT NULL,
            search_text {text} NOT NULL,
            snapshot {text} NOT NULL,
            mode INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS listing_categories (
            category_id {idType} NOT NULL,
            item_id {idType} NOT NULL,
            PRIMARY KEY (category_id, item_id)
        );
        CREATE INDEX IF NOT EXISTS ix_listings_status_listed ON listings (status, listed_at_ms, item_id);
        CREATE INDEX IF NOT EXISTS ix_listings_status_price ON listings (status, price_cents, item_id);
        CREATE INDEX IF NOT EXISTS ix_listings_seller ON listings (seller_id);
        CREATE INDEX IF NOT EXISTS ix_listings_region ON listings (region_id);
        CREATE INDEX IF NOT EXISTS ix_listing_categories_item ON listing_categories (item_id);
        """;
}

/// <summary>SQLite file (WAL), the embedded default: ./data/marketplace.listings.db beside the grain store.</summary>
public sealed class SqliteListingDialect : ListingSqlDialect
{
    public SqliteListingDialect(string path)
    {
        DataSource = SqliteFile(path);
    }

    public override string Name => "sqlite";
    protected override DbDataSource DataSource { get; }
    public override string SchemaScript { get; } = "PRAGMA journal_mode=WAL;\n" + Schema("TEXT", "INTEGER", "TEXT");

    /// <summary>
    /// Files created before listings had a mode get the column (0 = SALE: every item listed then was for sale).
    /// SQLite has no ADD COLUMN IF NOT EXISTS, so the table's columns are asked first.
    /// </summary>
    public override async Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await base.RunSchemaAsync(connection, cancellationToken);
        await using var probe = SchemaOnceConnections.Command(connection, null, "SELECT COUNT(*) FROM pragma_table_info('listings') WHERE name = 'mode'");
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0) return;
        await using var alter = SchemaOnceConnections.Command(connection, null, "ALTER TABLE listings ADD COLUMN mode INTEGER NOT NULL DEFAULT 0");
        await alter.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>PostgreSQL for a cluster. Ids use the "C" collation so keyset paging orders them by code point, as the other stores do.</summary>
public sealed class PostgresListingDialect(string connectionString) : ListingSqlDialect
{
    // Any constant shared by every process creating the listing schema (concurrent CREATE IF NOT EXISTS can race).
    private const long SchemaLockKey = 0x4C697374696E67;

    public override string Name => "postgres";
    protected override DbDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);
    // Tables created before listings had a mode get the column (0 = SALE), under the same lock as the rest.
    public override string SchemaScript { get; } = Schema("text", "bigint", "text COLLATE \"C\"")
        + "\nALTER TABLE listings ADD COLUMN IF NOT EXISTS mode INTEGER NOT NULL DEFAULT 0;";

    public override Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        RunSchemaUnderLockAsync(connection, SchemaLockKey, cancellationToken);
}
