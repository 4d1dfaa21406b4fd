using Marketplace.Persistence.Batching;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces.OrderLists;
using Marketplace.Grains.Listings;

namespace Marketplace.Grains.OrderLists;

/// <summary>
/// Order-list projection in SQL (SQLite or PostgreSQL through <see cref="OrderListSqlDialect"/>). The write is
/// version-guarded in the statement itself (ON CONFLICT ... WHERE version &lt; new), so concurrent, repeated
/// or reordered writers converge on the newest row. Writes are group-committed (<see cref="WriteBatcher{TRequest,TResult}"/>):
/// every order change of the market passes here, and one transaction per change would cap them at the disk's sync rate.
/// </summary>
public sealed class SqlOrderListStore : IOrderListStore, IAsyncDisposable
{
    private const string UpsertSql = """
        INSERT INTO order_list (order_id, version, status, buyer_id, seller_id, item_id, category_id, region_id, with_inspection, created_at_ms, updated_at_ms, row_json)
        VALUES (@order_id, @version, @status, @buyer_id, @seller_id, @item_id, @category_id, @region_id, @with_inspection, @created_at_ms, @updated_at_ms, @row_json)
        ON CONFLICT (order_id) DO UPDATE SET
            version = excluded.version, status = excluded.status, buyer_id = excluded.buyer_id, seller_id = excluded.seller_id,
            item_id = excluded.item_id, category_id = excluded.category_id, region_id = excluded.region_id,
            with_inspection = excluded.with_inspection, created_at_ms = excluded.created_at_ms,
            updated_at_ms = excluded.updated_at_ms, row_json = excluded.row_json
        WHERE order_list.version < excluded.version
        """;

    private readonly OrderListSqlDialect _dialect;
    private readonly SchemaOnceConnections _connections;
    private readonly WriteBatcher<OrderListRow, bool> _writes;

    public SqlOrderListStore(OrderListSqlDialect dialect)
    {
        _dialect = dialect;
        _connections = new SchemaOnceConnections(dialect.OpenAsync, dialect.RunSchemaAsync);
        _writes = new WriteBatcher<OrderListRow, bool>(UpsertBatchAsync);
    }

    public Task<bool> UpsertAsync(OrderListRow row, CancellationToken cancellationToken = default)
    {
        OrderListFilter.Validate(row);
        return _writes.SubmitAsync(row, cancellationToken);
    }

    /// <summary>One transaction for the batch (<see cref="StatementBatch"/>: one round trip on PostgreSQL).</summary>
    private async Task<IReadOnlyList<bool>> UpsertBatchAsync(IReadOnlyList<OrderListRow> rows)
    {
        var statements = new StatementBatch();
        foreach (var row in rows)
            statements.Add(UpsertSql, ("order_id", row.OrderId), ("version", row.Version), ("status", (int)row.Status),
                ("buyer_id", row.BuyerId), ("seller_id", row.SellerId), ("item_id", row.ItemId),
                ("category_id", row.CategoryId), ("region_id", row.RegionId), ("with_inspection", row.WithInspection ? 1 : 0),
                ("created_at_ms", row.CreatedAt.ToUnixTimeMilliseconds()), ("updated_at_ms", row.UpdatedAt.ToUnixTimeMilliseconds()),
                ("row_json", JsonSerializer.Serialize(row)));
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var counts = await statements.ExecuteAsync(connection, transaction);
        await transaction.CommitAsync();
        return Array.ConvertAll(counts, c => c > 0); // 0: the same or a newer version is stored
    }

    public async Task<OrderListRow?> GetAsync(string orderId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = SchemaOnceConnections.Command(connection, null, "SELECT row_json FROM order_list WHERE order_id = @order_id").With("order_id", orderId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Deserialize(json) : null;
    }

    public async IAsyncEnumerable<OrderListRow> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken);
        await using var command = SchemaOnceConnections.Command(connection, null, "SELECT row_json FROM order_list");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return Deserialize(reader.GetString(0));
    }

    private static OrderListRow Deserialize(string json) =>
        JsonSerializer.Deserialize<OrderListRow>(json) ?? throw new InvalidOperationException("A stored order-list row is null.");

    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        _connections.Dispose();
    }
}
