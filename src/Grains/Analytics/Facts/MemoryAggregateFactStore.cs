namespace Marketplace.Grains.Analytics;

/// <summary>In-memory fact store (Storage:Provider = Memory, unit tests); same semantics as the SQL store.</summary>
public sealed class MemoryAggregateFactStore : IAggregateFactStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (long Revision, Dictionary<string, FactRow> Rows)> _aggregates = new(StringComparer.Ordinal);

    public Task<long> LoadAsync(string aggregateKey, Action<FactRow> onRow, CancellationToken cancellationToken = default)
    {
        List<FactRow> rows;
        long revision;
        lock (_gate)
        {
            if (!_aggregates.TryGetValue(aggregateKey, out var aggregate)) return Task.FromResult(0L);
            rows = aggregate.Rows.Values.ToList();
            revision = aggregate.Revision;
        }
        foreach (var row in rows) onRow(row);
        return Task.FromResult(revision);
    }

    public Task WriteAsync(FactWrite write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            if (!_aggregates.TryGetValue(write.AggregateKey, out var aggregate))
                aggregate = (0, new Dictionary<string, FactRow>(StringComparer.Ordinal));
            if (aggregate.Revision != write.Revision) throw new AggregateFactConflictException(write.AggregateKey, write.Revision);
            foreach (var row in write.Rows) aggregate.Rows[row.FactKey] = row;
            _aggregates[write.AggregateKey] = (write.Revision + 1, aggregate.Rows);
        }
        return Task.CompletedTask;
    }

    public Task<AggregateSize> MeasureAsync(string aggregateKey, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult(_aggregates.TryGetValue(aggregateKey, out var aggregate)
                ? Size(aggregateKey, aggregate.Rows)
                : new AggregateSize(aggregateKey, 0, 0));
    }

    public Task<IReadOnlyList<AggregateSize>> LargestAsync(int first, CancellationToken cancellationToken = default)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<AggregateSize>>(_aggregates
                .Select(a => Size(a.Key, a.Value.Rows))
                .OrderByDescending(s => s.Bytes).ThenBy(s => s.AggregateKey, StringComparer.Ordinal)
                .Take(first).ToList());
    }

    private static AggregateSize Size(string key, Dictionary<string, FactRow> rows) => new(key, rows.Count, rows.Values.Sum(r => r.Bytes));
}
