using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Reminders;

/// <summary>
/// Loads the reminders of the hash ranges this silo owns and delivers their ticks as
/// <see cref="IRemindable.ReceiveReminder"/> calls. Delivered ticks are recorded in the table, so a
/// tick that fell due while the process was down is delivered after restart. A failing delivery
/// is logged and the reminder tries again at its next tick.
/// </summary>
public sealed class ReminderService(
    IReminderTable table,
    IReminderOwnership ownership,
    IOptions<ReminderOptions> options,
    TimeProvider timeProvider,
    IServiceProvider services,
    ILogger<ReminderService> logger) : IReminderService, IHostedLifecycleService, IAsyncDisposable, IDisposable
{
    /// <summary>One loaded reminder; replaced (not mutated) by a new registration, so a late delivery cannot disturb the new schedule.</summary>
    private sealed class Scheduled(ReminderEntry entry)
    {
        public ReminderEntry Entry { get; } = entry;
        public DateTimeOffset NextDue { get; set; } = ReminderSchedule.NextDue(entry);
        public bool InFlight { get; set; }
    }

    private readonly ReminderOptions _options = options.Value;
    private readonly Dictionary<(GrainId, string), Scheduled> _scheduled = new();
    private readonly HashSet<Task> _deliveries = new();
    private readonly Lock _gate = new();
    private long _localChanges;
    private DateTimeOffset _lastRefresh = DateTimeOffset.MinValue;
    private CancellationTokenSource? _stopping;
    private Task? _loop;
    private IGrainFactory? _grainFactory;

    public async Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (string.IsNullOrWhiteSpace(reminderName))
            throw new ArgumentException($"A reminder of grain {grainId} needs a name.", nameof(reminderName));
        if (dueTime < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, $"Reminder '{reminderName}' of grain {grainId}: due time must not be negative.");
        if (period < _options.MinimumPeriod)
            throw new ArgumentOutOfRangeException(nameof(period), period,
                $"Reminder '{reminderName}' of grain {grainId}: period {period} is below the minimum {_options.MinimumPeriod} (ReminderOptions.MinimumPeriod); use a grain timer for shorter intervals.");

        var entry = new ReminderEntry(grainId, reminderName, timeProvider.GetUtcNow() + dueTime, period);
        var etag = await table.UpsertRowAsync(entry);
        entry = entry with { ETag = etag };
        lock (_gate)
        {
            _localChanges++;
            if (ownership.Owns(grainId)) _scheduled[(grainId, reminderName)] = new Scheduled(entry);
        }
        logger.LogDebug("Registered reminder {ReminderName} of grain {GrainId}, first due {StartAt}, every {Period}", reminderName, grainId, entry.StartAt, period);
        return new GrainReminder(grainId, reminderName, etag);
    }

    public async Task UnregisterReminder(GrainId grainId, string reminderName)
    {
        await table.RemoveRowAsync(grainId, reminderName);
        lock (_gate)
        {
            _localChanges++;
            _scheduled.Remove((grainId, reminderName));
        }
    }

    public async Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName) =>
        await table.ReadRowAsync(grainId, reminderName) is { } row ? new GrainReminder(grainId, reminderName, row.ETag) : null;

    /// <summary>Reloads the owned rows from the table, keeping the schedule of rows that did not change.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            long changesBefore;
            lock (_gate) changesBefore = _localChanges;
            var refreshedAt = timeProvider.GetUtcNow();
            var rows = new List<ReminderEntry>();
            foreach (var range in ownership.GetOwnedRanges())
                rows.AddRange(await table.ReadRowsAsync(range, cancellationToken));

            lock (_gate)
            {
                // A local registration during the read would be undone by this older snapshot: read again.
                if (_localChanges != changesBefore && attempt < 3) continue;
                var previous = new Dictionary<(GrainId, string), Scheduled>(_scheduled);
                _scheduled.Clear();
                foreach (var row in rows)
                {
                    var key = (row.GrainId, row.ReminderName);
                    _scheduled[key] = previous.TryGetValue(key, out var kept) && kept.Entry.ETag == row.ETag ? kept : new Scheduled(row);
                }
                _lastRefresh = refreshedAt;
                return;
            }
        }
    }

    /// <summary>Starts delivery of every due reminder that is not already being delivered; the task completes when they are done.</summary>
    internal Task DeliverDueRemindersAsync()
    {
        var now = timeProvider.GetUtcNow();
        var started = new List<Task>();
        lock (_gate)
        {
            foreach (var scheduled in _scheduled.Values)
            {
                if (scheduled.InFlight || scheduled.NextDue > now) continue;
                scheduled.InFlight = true;
                var tickTime = ReminderSchedule.LatestDue(scheduled.Entry, now);
                var delivery = DeliverAsync(scheduled, tickTime);
                _deliveries.Add(delivery);
                // The continuation takes the gate, so it cannot run before the Add above.
                delivery.ContinueWith(Forget, TaskScheduler.Default);
                started.Add(delivery);
            }
        }
        return Task.WhenAll(started);
    }

    private async Task DeliverAsync(Scheduled scheduled, DateTimeOffset tickTime)
    {
        await Task.Yield(); // never run grain code under the caller's lock or on the polling loop
        var entry = scheduled.Entry;
        try
        {
            var status = new TickStatus(entry.StartAt, entry.Period, tickTime);
            _grainFactory ??= services.GetRequiredService<IGrainFactory>();
            await _grainFactory.GetGrain<IRemindable>(entry.GrainId).ReceiveReminder(entry.ReminderName, status);
            await RecordTickAsync(entry, tickTime);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reminder {ReminderName} of grain {GrainId} failed for tick {TickTime}; it tries again at its next tick",
                entry.ReminderName, entry.GrainId, tickTime);
        }
        finally
        {
            lock (_gate)
            {
                scheduled.NextDue = tickTime + entry.Period;
                scheduled.InFlight = false;
            }
        }
    }

    private void Forget(Task delivery)
    {
        lock (_gate) _deliveries.Remove(delivery);
    }

    private async Task RecordTickAsync(ReminderEntry entry, DateTimeOffset tickTime)
    {
        try
        {
            if (entry.ETag is { } etag) await table.RecordTickAsync(entry.GrainId, entry.ReminderName, etag, tickTime);
        }
        catch (Exception ex)
        {
            // Delivered but not recorded: after a restart this tick may be delivered again (at-least-once).
            logger.LogWarning(ex, "Could not record tick {TickTime} of reminder {ReminderName} of grain {GrainId}", tickTime, entry.ReminderName, entry.GrainId);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (timeProvider.GetUtcNow() - _lastRefresh >= _options.RefreshInterval) await RefreshAsync(cancellationToken);
                _ = DeliverDueRemindersAsync();
                await Task.Delay(_options.PollInterval, timeProvider, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Reminder service pass failed; retrying after the poll interval");
                try { await Task.Delay(_options.PollInterval, timeProvider, cancellationToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>Loads the table before the host reports started, so a broken store fails start-up loudly.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => RefreshAsync(cancellationToken);

    /// <summary>Ticking starts once every hosted service (the grain runtime among them) has started.</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StoppingAsync(CancellationToken cancellationToken) => await StopLoopAsync();
    public Task StopAsync(CancellationToken cancellationToken) => StopLoopAsync();
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task StopLoopAsync()
    {
        if (_stopping is null) return;
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        Task[] pending;
        lock (_gate) pending = _deliveries.ToArray();
        // Let deliveries in progress finish (their grain calls have their own timeouts).
        await Task.WhenAll(pending).ConfigureAwait(false);
        _stopping.Dispose();
        _stopping = null;
        _loop = null;
    }

    public async ValueTask DisposeAsync() => await StopLoopAsync();

    /// <summary>Synchronous disposal only signals the loop to stop; prefer stopping the host.</summary>
    public void Dispose() => _stopping?.Cancel();
}
