namespace Marketplace.Grains.Analytics;

/// <summary>
/// Where the market aggregates keep their facts: one row per fact (an item, an order, a seller level, a
/// self-purchase attempt, a risk alert, a view), keyed by (aggregate, fact key), plus a header row per
/// aggregate whose revision orders the aggregate's writes. An event rewrites only the rows it touched, so
/// the bytes written per event do not grow with the facts already stored. SQLite and PostgreSQL
/// (<see cref="SqlAggregateFactStore"/>, table aggregate_facts) or memory (<see cref="MemoryAggregateFactStore"/>).
/// </summary>
public interface IAggregateFactStore
{
    /// <summary>Streams every fact row of the aggregate to <paramref name="onRow"/>; answers the aggregate's revision (0 when it has none).</summary>
    Task<long> LoadAsync(string aggregateKey, Action<FactRow> onRow, CancellationToken cancellationToken = default);

    /// <summary>
    /// Upserts the rows and moves the aggregate's revision from <see cref="FactWrite.Revision"/> to one more, all or
    /// nothing. Completes only once durable (concurrent writes of many aggregates share one transaction).
    /// </summary>
    /// <exception cref="AggregateFactConflictException">The stored revision is not the expected one (another writer of the aggregate).</exception>
    Task WriteAsync(FactWrite write, CancellationToken cancellationToken = default);

    /// <summary>Rows and stored bytes (keys, sequence trackers and payloads) of one aggregate.</summary>
    Task<AggregateSize> MeasureAsync(string aggregateKey, CancellationToken cancellationToken = default);

    /// <summary>The aggregates with the most stored bytes, largest first (scans the table: for operators and benches).</summary>
    Task<IReadOnlyList<AggregateSize>> LargestAsync(int first, CancellationToken cancellationToken = default);
}

/// <summary>One fact of an aggregate as stored.</summary>
/// <param name="FactKey">"item:&lt;id&gt;", "order:&lt;id&gt;", "seller:&lt;id&gt;", "attempt:&lt;id&gt;", "alert:&lt;content key&gt;" or "view:&lt;sequence&gt;:&lt;item id&gt;".</param>
/// <param name="Version">The fact's source version (the view's item version for a view).</param>
/// <param name="Applied">The source's applied-sequence tracker (<see cref="SequenceTracker.Encode"/>); empty when the fact has none.</param>
/// <param name="Payload">The fact itself (JSON, or the time of a view).</param>
public sealed record FactRow(string FactKey, long Version, string Applied, string Payload)
{
    /// <summary>Bytes this row stores (UTF-8 of the texts, 8 for the version): what a write of it costs.</summary>
    public long Bytes => 8 + Utf8(FactKey) + Utf8(Applied) + Utf8(Payload);

    private static long Utf8(string text) => System.Text.Encoding.UTF8.GetByteCount(text);
}

/// <summary>Rows of one aggregate to upsert, written only if its stored revision is still <paramref name="Revision"/>.</summary>
public sealed record FactWrite(string AggregateKey, long Revision, IReadOnlyList<FactRow> Rows);

/// <summary>Stored size of one aggregate.</summary>
public sealed record AggregateSize(string AggregateKey, long Rows, long Bytes);

/// <summary>The aggregate's stored revision moved under this writer: its in-memory facts are stale and must be reloaded.</summary>
public sealed class AggregateFactConflictException(string aggregateKey, long expected)
    : Exception($"The facts of aggregate '{aggregateKey}' were written by someone else (expected revision {expected}).")
{
    public string AggregateKey { get; } = aggregateKey;
}
