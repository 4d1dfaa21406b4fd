using Marketplace.Persistence.Batching;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.Rentals;
using Marketplace.Grains.Listings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Marketplace.Grains.RentalLists;

/// <summary>In-memory rental-list projection (Storage:Provider = Memory, tests); same version rule as the SQL store.</summary>
public sealed class MemoryRentalListStore : IRentalListStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RentalListRow> _rows = new(StringComparer.Ordinal);

    public Task<bool> UpsertAsync(RentalListRow row, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(row.RentalId, out var stored) && stored.Version >= row.Version) return Task.FromResult(false);
            _rows[row.RentalId] = row;
            return Task.FromResult(true);
        }
    }

    public IAsyncEnumerable<RentalListRow> ScanAsync(CancellationToken cancellationToken = default)
    {
        List<RentalListRow> rows;
        lock (_gate) rows = [.. _rows.Values];
        return rows.ToAsyncEnumerable();
    }
}

/// <summary>
/// Rental-list projection in SQL (SQLite or PostgreSQL), as the order-list store: the version guard is in the
/// statement, so concurrent, repeated or reordered writers converge on the newest row; writes are group-committed.
/// </summary>
public sealed class SqlRentalListStore : IRentalListStore, IAsyncDisposable
{
    private const string UpsertSql = """
        INSERT INTO rental_list (rental_id, version, status, owner_id, renter_id, item_id, category_id, region_id, created_at_ms, row_json)
        VALUES (@rental_id, @version, @status, @owner_id, @renter_id, @item_id, @category_id, @region_id, @created_at_ms, @row_json)
        ON CONFLICT (rental_id) DO UPDATE SET
            version = excluded.version, status = excluded.status, owner_id = excluded.owner_id, renter_id = excluded.renter_id,
            item_id = excluded.item_id, category_id = excluded.category_id, region_id = excluded.region_id,
            created_at_ms = excluded.created_at_ms, row_json = excluded.row_json
        WHERE rental_list.version < excluded.version
        """;

    private readonly RentalListSqlDialect _dialect;
    private readonly SchemaOnceConnections _connections;
    private readonly WriteBatcher<RentalListRow, bool> _writes;

    public SqlRentalListStore(RentalListSqlDialect dialect)
    {
        _dialect = dialect;
        _connections = new SchemaOnceConnections(dialect.OpenAsync, dialect.RunSchemaAsync);
        _writes = new WriteBatcher<RentalListRow, bool>(UpsertBatchAsync);
    }

    public Task<bool> UpsertAsync(RentalListRow row, CancellationToken cancellationToken = default) => _writes.SubmitAsync(row, cancellationToken);

    /// <summary>One transaction for the batch (<see cref="StatementBatch"/>: one round trip on PostgreSQL).</summary>
    private async Task<IReadOnlyList<bool>> UpsertBatchAsync(IReadOnlyList<RentalListRow> rows)
    {
        var statements = new StatementBatch();
        foreach (var row in rows)
            statements.Add(UpsertSql, ("rental_id", row.RentalId), ("version", row.Version), ("status", (int)row.Status),
                ("owner_id", row.OwnerId), ("renter_id", row.RenterId), ("item_id", row.ItemId),
                ("category_id", row.CategoryId), ("region_id", row.RegionId),
                ("created_at_ms", row.CreatedAt.ToUnixTimeMilliseconds()), ("row_json", JsonSerializer.Serialize(row)));
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var counts = await statements.ExecuteAsync(connection, transaction);
        await transaction.CommitAsync();
        return Array.ConvertAll(counts, c => c > 0); // 0: the same or a newer version is stored
    }

    public async IAsyncEnumerable<RentalListRow> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = SchemaOnceConnections.Command(connection, null, "SELECT row_json FROM rental_list");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return JsonSerializer.Deserialize<RentalListRow>(reader.GetString(0)) ?? throw new InvalidOperationException("A stored rental-list row is null.");
    }

    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        _connections.Dispose();
    }
}

/// <summary>What differs between the SQL rental-list stores (as <see cref="OrderLists.OrderListSqlDialect"/>).</summary>
public abstract class RentalListSqlDialect : SqlStoreDialect
{
    protected static string Schema(string text, string bigint, string idType) => $"""
        CREATE TABLE IF NOT EXISTS rental_list (
            rental_id {idType} PRIMARY KEY,
            version {bigint} NOT NULL,
            status INTEGER NOT NULL,
            owner_id {idType} NOT NULL,
            renter_id {idType} NOT NULL,
            item_id {idType} NOT NULL,
            category_id {idType} NOT NULL,
            region_id {idType} NOT NULL,
            created_at_ms {bigint} NOT NULL,
            row_json {text} NOT NULL
        );
        """;
}

/// <summary>SQLite file (WAL): ./data/marketplace.rentals.db.</summary>
public sealed class SqliteRentalListDialect(string path) : RentalListSqlDialect
{
    public override string Name => "sqlite";
    protected override DbDataSource DataSource { get; } = SqliteFile(path);
    public override string SchemaScript { get; } = "PRAGMA journal_mode=WAL;\n" + Schema("TEXT", "INTEGER", "TEXT");
}

public sealed class PostgresRentalListDialect(string connectionString) : RentalListSqlDialect
{
    private const long SchemaLockKey = 0x52656E74616C4C73; // "RentalLs"

    public override string Name => "postgres";
    protected override DbDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);
    public override string SchemaScript { get; } = Schema("text", "bigint", "text COLLATE \"C\"");

    public override Task RunSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        RunSchemaUnderLockAsync(connection, SchemaLockKey, cancellationToken);
}

public static class RentalListStoreServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IRentalListStore"/> following Storage:Provider: Sqlite "marketplace.rentals.db", Postgres table rental_list, or Memory.</summary>
    public static IServiceCollection AddRentalListStoreFromConfiguration(this IServiceCollection services, IConfiguration configuration) =>
        services.AddStoreFromConfiguration<IRentalListStore>(configuration, "rentals",
            sqlite: path => new SqlRentalListStore(new SqliteRentalListDialect(path)),
            postgres: connectionString => new SqlRentalListStore(new PostgresRentalListDialect(connectionString)),
            memory: () => new MemoryRentalListStore());
}
