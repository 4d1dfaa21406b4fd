using Marketplace.Grains.Interfaces.Analytics;
using Marketplace.Grains.Interfaces.Trust;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// One aggregate's facts in memory and their rows in an <see cref="IAggregateFactStore"/>: loaded whole at
/// activation (so figures are computed from memory, as fast as before), then kept in step by writing only the
/// rows that events changed. Events apply synchronously in memory and mark their rows; the shared write
/// (<see cref="GroupCommit"/>) turns the marked keys into rows as they are at write time, so n events on one
/// item in a batch write its row once. A failed write reloads the facts from the store (undoing every change
/// not yet durable) and fails every event it covered; their publishers redeliver and they apply again.
/// Single-threaded like the grain that owns it (its turns), no locks.
/// </summary>
public sealed class MarketFactsKeeper
{
    private readonly IAggregateFactStore _store;
    private MarketFactChanges _changes = new();
    private long _revision;
    private GroupCommit? _commit;

    public MarketFactsKeeper(IAggregateFactStore store, string aggregateKey)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrEmpty(aggregateKey);
        _store = store;
        AggregateKey = aggregateKey;
    }

    /// <summary>"&lt;scope&gt;/&lt;grain key&gt;", e.g. "category/phones" (a category and a region may share an id).</summary>
    public string AggregateKey { get; }

    public MarketFacts Facts { get; private set; } = new();

    /// <summary>The shared write: every change to <see cref="Facts"/> must await it before acknowledging.</summary>
    public GroupCommit Commit => _commit ??= new GroupCommit(WriteAsync, () => LoadAsync(CancellationToken.None));

    /// <summary>Rows written so far by this keeper, and their bytes (what the write side costs per event).</summary>
    public long RowsWritten { get; private set; }
    public long BytesWritten { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var loader = new MarketFactRows.Loader();
        var revision = await _store.LoadAsync(AggregateKey, loader.Add, cancellationToken);
        Facts = loader.Complete();
        _revision = revision;
        _changes = new MarketFactChanges();
    }

    /// <summary>Applies the event in memory and marks its rows; false for a duplicate or a replay.</summary>
    public bool Apply(MarketEvent marketEvent) => MarketFactsApplier.Apply(Facts, marketEvent, _changes);

    /// <summary>
    /// For a caller whose change was already made (a duplicate): completes once every change made so far is
    /// durable. Changes left over by a failed write are committed first, so a repeat is never acknowledged early.
    /// </summary>
    public Task WhenDurableAsync() => _changes.IsEmpty ? Commit.WhenDurableAsync() : Commit.CommitAsync();

    private async Task WriteAsync()
    {
        var changes = _changes;
        _changes = new MarketFactChanges();
        if (changes.IsEmpty) return;
        var rows = new List<FactRow>(changes.Keys.Count + changes.Views.Count);
        foreach (var key in changes.Keys) rows.Add(MarketFactRows.Row(Facts, key));
        foreach (var view in changes.Views) rows.Add(MarketFactRows.ViewRow(view));
        await _store.WriteAsync(new FactWrite(AggregateKey, _revision, rows));
        _revision++;
        RowsWritten += rows.Count;
        foreach (var row in rows) BytesWritten += row.Bytes;
    }
}
