using Marketplace.Persistence.Batching;
using System.Data.Common;
using Marketplace.Grains.Common;
using Marketplace.Grains.Listings;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Aggregate facts in SQL (SQLite or PostgreSQL through <see cref="AggregateFactSqlDialect"/>), table
/// aggregate_facts: one row per (aggregate, fact), and a header row per aggregate (fact key "#") whose
/// version is the aggregate's revision. A write upserts only the rows an event touched and moves the header
/// from the revision its writer loaded to the next one in the same transaction; a header that moved
/// meanwhile (a second activation of the aggregate somewhere) fails the write, so two writers can never
/// interleave rows. Writes of many aggregates arriving together are group-committed (<see cref="WriteBatcher{TRequest,TResult}"/>):
/// one transaction, one sync to disk; each caller is answered only after its transaction committed.
/// </summary>
public sealed class SqlAggregateFactStore : IAggregateFactStore, IAsyncDisposable
{
    public const string HeaderKey = "#";

    private const string HeaderSql = """
        INSERT INTO aggregate_facts (aggregate_key, fact_key, version, applied, payload) VALUES (@aggregate_key, '#', @next, '', '')
        ON CONFLICT (aggregate_key, fact_key) DO UPDATE SET version = excluded.version
        WHERE aggregate_facts.version = @expected
        """;

    private const string UpsertSql = """
        INSERT INTO aggregate_facts (aggregate_key, fact_key, version, applied, payload) VALUES (@aggregate_key, @fact_key, @version, @applied, @payload)
        ON CONFLICT (aggregate_key, fact_key) DO UPDATE SET version = excluded.version, applied = excluded.applied, payload = excluded.payload
        """;

    private readonly AggregateFactSqlDialect _dialect;
    private readonly SchemaOnceConnections _connections;
    private readonly WriteBatcher<FactWrite, bool> _writes;

    public SqlAggregateFactStore(AggregateFactSqlDialect dialect)
    {
        _dialect = dialect;
        _connections = new SchemaOnceConnections(dialect.OpenAsync, dialect.RunSchemaAsync);
        _writes = new WriteBatcher<FactWrite, bool>(WriteBatchAsync);
    }

    public async Task<long> LoadAsync(string aggregateKey, Action<FactRow> onRow, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onRow);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT fact_key, version, applied, payload FROM aggregate_facts WHERE aggregate_key = @aggregate_key").With("aggregate_key", aggregateKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long revision = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var factKey = reader.GetString(0);
            var version = Convert.ToInt64(reader.GetValue(1));
            if (factKey == HeaderKey) revision = version;
            else onRow(new FactRow(factKey, version, reader.GetString(2), reader.GetString(3)));
        }
        return revision;
    }

    public Task WriteAsync(FactWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentException.ThrowIfNullOrEmpty(write.AggregateKey);
        if (write.Revision < 0) throw new ArgumentOutOfRangeException(nameof(write), write.Revision, "Revisions start at 0.");
        foreach (var row in write.Rows)
            if (string.IsNullOrEmpty(row.FactKey) || row.FactKey == HeaderKey) throw new ArgumentException($"Invalid fact key '{row.FactKey}'.", nameof(write));
        return _writes.SubmitAsync(write, cancellationToken);
    }

    /// <summary>
    /// One transaction for every write of the batch (<see cref="StatementBatch"/>: one round trip on PostgreSQL).
    /// A header that did not move fails the whole transaction; the batcher then retries each write alone, so only
    /// the stale writer fails.
    /// </summary>
    private async Task<IReadOnlyList<bool>> WriteBatchAsync(IReadOnlyList<FactWrite> writes)
    {
        var statements = new StatementBatch();
        var headers = new int[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            // The header first: on PostgreSQL it locks the aggregate's header row, so a second writer waits, then fails the check.
            headers[i] = statements.Add(HeaderSql, ("aggregate_key", write.AggregateKey), ("next", write.Revision + 1), ("expected", write.Revision));
            foreach (var row in write.Rows)
                statements.Add(UpsertSql, ("aggregate_key", write.AggregateKey), ("fact_key", row.FactKey), ("version", row.Version),
                    ("applied", row.Applied), ("payload", row.Payload));
        }
        await using var connection = await OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        var counts = await statements.ExecuteAsync(connection, transaction);
        for (var i = 0; i < writes.Count; i++)
            if (counts[headers[i]] == 0) throw new AggregateFactConflictException(writes[i].AggregateKey, writes[i].Revision);
        await transaction.CommitAsync();
        return writes.Select(_ => true).ToArray();
    }

    private string RowBytes =>
        $"8 + {_dialect.ByteLength("fact_key")} + {_dialect.ByteLength("applied")} + {_dialect.ByteLength("payload")}";

    public async Task<AggregateSize> MeasureAsync(string aggregateKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT COUNT(*), COALESCE(SUM({RowBytes}), 0) FROM aggregate_facts WHERE aggregate_key = @aggregate_key AND fact_key <> '#'")
            .With("aggregate_key", aggregateKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new AggregateSize(aggregateKey, Convert.ToInt64(reader.GetValue(0)), Convert.ToInt64(reader.GetValue(1)));
    }

    public async Task<IReadOnlyList<AggregateSize>> LargestAsync(int first, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT aggregate_key, COUNT(*), SUM({RowBytes}) AS bytes FROM aggregate_facts WHERE fact_key <> '#' " +
            "GROUP BY aggregate_key ORDER BY bytes DESC, aggregate_key LIMIT @first").With("first", first);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var sizes = new List<AggregateSize>();
        while (await reader.ReadAsync(cancellationToken))
            sizes.Add(new AggregateSize(reader.GetString(0), Convert.ToInt64(reader.GetValue(1)), Convert.ToInt64(reader.GetValue(2))));
        return sizes;
    }

    private Task<DbConnection> OpenAsync(CancellationToken cancellationToken) => _connections.OpenAsync(cancellationToken);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql) =>
        SchemaOnceConnections.Command(connection, transaction, sql);

    public async ValueTask DisposeAsync()
    {
        await _dialect.DisposeAsync();
        _connections.Dispose();
    }
}
