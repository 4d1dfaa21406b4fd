using Marketplace.Persistence.Batching;
using System.Data.Common;
using Marketplace.Grains.Common;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Listings;

namespace Marketplace.Grains.Listings;

/// <summary>
/// Listing projection in SQL (SQLite or PostgreSQL through <see cref="ListingSqlDialect"/>). Writes are
/// version-guarded in the statement itself (ON CONFLICT ... WHERE version &lt; new), so concurrent or
/// repeated writers converge on the newest snapshot. Removal leaves a tombstone holding the version.
/// </summary>
public sealed class SqlListingStore : IListingStore, IAsyncDisposable
{
    private readonly WriteBatcher<ItemSnapshot, bool> _writes;

    public SqlListingStore(ListingSqlDialect dialect)
    {
        _dialect = dialect;
        _connections = new SchemaOnceConnections(dialect.OpenAsync, dialect.RunSchemaAsync);
        _writes = new WriteBatcher<ItemSnapshot, bool>(UpsertBatchAsync);
    }

    private readonly ListingSqlDialect _dialect;
    private readonly SchemaOnceConnections _connections;

    private const string UpsertSql = """
        INSERT INTO listings (item_id, version, removed, seller_id, region_id, grade, status, price_cents, listed_at_ms, views, search_text, snapshot, mode)
        VALUES (@item_id, @version, 0, @seller_id, @region_id, @grade, @status, @price_cents, @listed_at_ms, @views, @search_text, @snapshot, @mode)
        ON CONFLICT (item_id) DO UPDATE SET
            version = excluded.version, removed = 0, seller_id = excluded.seller_id, region_id = excluded.region_id,
            grade = excluded.grade, status = excluded.status, price_cents = excluded.price_cents,
            listed_at_ms = excluded.listed_at_ms, views = excluded.views, search_text = excluded.search_text,
            snapshot = excluded.snapshot, mode = excluded.mode
        WHERE listings.version < excluded.version
        """;

    /// <summary>
    /// Concurrent upserts are group-committed: every upsert queued while a batch is written goes into the
    /// next transaction. Each caller still gets its own answer, and only after its batch committed.
    /// </summary>
    public Task<bool> UpsertAsync(ItemSnapshot item, CancellationToken cancellationToken = default)
    {
        ListingRow.Validate(item);
        return _writes.SubmitAsync(item, cancellationToken);
    }

    // The category rows follow the listing row only when that row now holds this version (the upsert took it).
    private const string StoredVersionMatches =
        "EXISTS (SELECT 1 FROM listings WHERE item_id = @item_id AND version = @version AND removed = 0)";
    private const string DeleteCategoriesSql = "DELETE FROM listing_categories WHERE item_id = @item_id AND " + StoredVersionMatches;
    private const string InsertCategorySql =
        "INSERT INTO listing_categories (category_id, item_id) SELECT @category_id, @item_id WHERE " + StoredVersionMatches;

    /// <summary>
    /// One transaction for the batch (<see cref="StatementBatch"/>: one round trip on PostgreSQL). Each listing's
    /// category rows are rewritten only when its row took this version, so a late older snapshot changes nothing.
    /// </summary>
    private async Task<IReadOnlyList<bool>> UpsertBatchAsync(IReadOnlyList<ItemSnapshot> items)
    {
        var statements = new StatementBatch();
        var upserts = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            upserts[i] = statements.Add(UpsertSql, UpsertParameters(item));
            statements.Add(DeleteCategoriesSql, ("item_id", item.ItemId), ("version", item.Version));
            foreach (var categoryId in ListingRow.Categories(item))
                statements.Add(InsertCategorySql, ("category_id", categoryId), ("item_id", item.ItemId), ("version", item.Version));
        }
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var counts = await statements.ExecuteAsync(connection, transaction);
        await transaction.CommitAsync();
        return Array.ConvertAll(upserts, u => counts[u] > 0); // 0: the same or a newer version is stored
    }

    private static (string Name, object? Value)[] UpsertParameters(ItemSnapshot item) =>
    [
        ("item_id", item.ItemId), ("version", item.Version), ("seller_id", item.SellerId), ("region_id", item.RegionId),
        ("grade", (int)item.EffectiveGrade), ("status", (int)item.Status), ("price_cents", ListingRow.Cents(item.Price)),
        ("listed_at_ms", ListingRow.ListedAtMs(item)), ("views", item.Views), ("search_text", ListingRow.SearchText(item)),
        ("snapshot", JsonSerializer.Serialize(item)), ("mode", (int)item.Mode),
    ];

    public async IAsyncEnumerable<ListingRecord> ScanAsync(string? categoryId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, categoryId is null
            ? "SELECT l.item_id, l.version, l.removed, l.snapshot FROM listings l"
            : "SELECT l.item_id, l.version, l.removed, l.snapshot FROM listing_categories k CROSS JOIN listings l WHERE k.category_id = @category_id AND l.item_id = k.item_id");
        if (categoryId is not null) command.With("category_id", categoryId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var removed = Convert.ToInt64(reader.GetValue(2)) != 0;
            yield return new ListingRecord(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), removed ? null : Deserialize(reader.GetString(3)));
        }
    }

    public async Task<bool> RemoveAsync(string itemId, long version, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, null,
            "UPDATE listings SET removed = 1, version = @version WHERE item_id = @item_id AND removed = 0 AND version <= @version",
            cancellationToken, ("item_id", itemId), ("version", version)) > 0;
    }

    public async Task<ItemSnapshot?> GetAsync(string itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT snapshot FROM listings WHERE item_id = @item_id AND removed = 0").With("item_id", itemId);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? Deserialize(json) : null;
    }

    public async Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken = default)
    {
        ListingRow.Validate(query);
        var cursor = query.After is null ? null : ListingCursor.Decode(query.After, query.OrderBy);
        var (where, parameters) = Filter(query);
        var (sortColumn, direction, comparison) = query.OrderBy switch
        {
            ListingOrder.Newest => ("listed_at_ms", "DESC", "<"),
            ListingOrder.PriceAsc => ("price_cents", "ASC", ">"),
            ListingOrder.PriceDesc => ("price_cents", "DESC", "<"),
            ListingOrder.MostViewed => ("views", "DESC", "<"),
            _ => throw new ArgumentException("Unknown order.", nameof(query)),
        };

        await using var connection = await OpenAsync(cancellationToken);
        int total;
        await using (var count = Command(connection, null, CountSql(query, where)))
        {
            foreach (var (name, value) in parameters) count.With(name, value);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        }

        var pageWhere = cursor is null ? where
            : $"{where} AND (l.{sortColumn} {comparison} @cursor_key OR (l.{sortColumn} = @cursor_key AND l.item_id {comparison} @cursor_id))";
        var sql = $"SELECT l.{sortColumn}, l.item_id, l.snapshot FROM listings l WHERE {pageWhere} " +
                  $"ORDER BY l.{sortColumn} {direction}, l.item_id {direction} LIMIT @limit";
        await using var select = Command(connection, null, sql);
        foreach (var (name, value) in parameters) select.With(name, value);
        if (cursor is not null) select.With("cursor_key", cursor.Key).With("cursor_id", cursor.ItemId);
        select.With("limit", query.First + 1); // one more tells whether a next page exists

        var edges = new List<ListingEdge>();
        var hasNext = false;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (edges.Count == query.First) { hasNext = true; break; }
            var key = Convert.ToInt64(reader.GetValue(0));
            edges.Add(new ListingEdge(new ListingCursor(query.OrderBy, key, reader.GetString(1)).Encode(), Deserialize(reader.GetString(2))));
        }
        return new ListingPage(edges, total, hasNext, cursor is not null);
    }

    /// <summary>
    /// With a category, the count walks that category's rows of listing_categories (CROSS JOIN fixes the
    /// order in SQLite) instead of every listing with a lookup each: the EXISTS in the filter then hits
    /// the same primary-key row, and the planner cannot pick a full listings scan for totalCount.
    /// </summary>
    private static string CountSql(ListingQuery query, string where) => query.CategoryId is null
        ? $"SELECT COUNT(*) FROM listings l WHERE {where}"
        : $"SELECT COUNT(*) FROM listing_categories k CROSS JOIN listings l WHERE k.category_id = @category_id AND l.item_id = k.item_id AND {where}";

    private static (string Where, List<(string, object?)> Parameters) Filter(ListingQuery query)
    {
        var where = new StringBuilder("l.removed = 0");
        var parameters = new List<(string, object?)>();
        void Add(string clause, string name, object value)
        {
            where.Append(" AND ").Append(clause);
            parameters.Add((name, value));
        }
        if (query.CategoryId is { } categoryId)
            Add("EXISTS (SELECT 1 FROM listing_categories c WHERE c.category_id = @category_id AND c.item_id = l.item_id)", "category_id", categoryId);
        if (query.RegionId is { } regionId) Add("l.region_id = @region_id", "region_id", regionId);
        if (query.SellerId is { } sellerId) Add("l.seller_id = @seller_id", "seller_id", sellerId);
        if (query.Grades is { Count: > 0 } grades)
        {
            // Grades are enum values, never user text, so they go into the statement as integers.
            where.Append(" AND l.grade IN (").Append(string.Join(", ", grades.Distinct().Select(g => ((int)g).ToString(System.Globalization.CultureInfo.InvariantCulture)))).Append(')');
        }
        if (query.MinPrice is { } min) Add("l.price_cents >= @min_cents", "min_cents", ListingRow.MinCents(min));
        if (query.MaxPrice is { } max) Add("l.price_cents <= @max_cents", "max_cents", ListingRow.MaxCents(max));
        if (query.Status is { } status) Add("l.status = @status", "status", (int)status);
        if (query.Mode is { } mode) Add("l.mode = @mode", "mode", (int)mode);
        if (!string.IsNullOrEmpty(query.Text))
            Add("l.search_text LIKE @text ESCAPE '\\'", "text", "%" + EscapeLike(query.Text.ToLowerInvariant()) + "%");
        return (where.ToString(), parameters);
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static ItemSnapshot Deserialize(string json) =>
        JsonSerializer.Deserialize<ItemSnapshot>(json) ?? throw new InvalidOperationException("A stored listing snapshot is null.");

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _connections.OpenAsync(cancellationToken);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        SchemaOnceConnections.Command(connection, transaction, sql);

    internal static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql);
        foreach (var (name, value) in parameters) command.With(name, value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        _connections.Dispose();
    }
}

internal static class ListingCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }
}
