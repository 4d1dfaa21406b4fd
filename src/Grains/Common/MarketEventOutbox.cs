using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces.Analytics;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Marketplace.Grains.Common;

/// <summary>
/// Transactional outbox of one grain's market events. The events of a change are added to a list kept in
/// the grain's persisted state and written with the change (one write), then published. A failed publish
/// leaves them there and schedules a durable reminder (<see cref="RetryReminder"/>) that retries until they
/// are out; activation retries too. So an acknowledged change never loses its event, even across a crash.
/// Published events leave the list in memory at once and in the store with the grain's next write (or at
/// deactivation): until then a crash only means they are published again, which consumers ignore
/// (they apply each source version once). Only for use inside the owning activation's turns.
/// </summary>
public sealed class MarketEventOutbox(
    Grain owner, Func<List<MarketEvent>> pending, Func<Task> writeState, MarketEventOptions options, ILogger logger)
{
    /// <summary>Reminder name the owning grain routes to <see cref="OnRetryReminderAsync"/>.</summary>
    public const string RetryReminder = "market-event-outbox";

    // True when events were published since the last write: the stored list still holds them.
    private bool _storedListIsStale;

    /// <summary>Events not yet known to be published, oldest first.</summary>
    public IReadOnlyList<MarketEvent> Pending => pending();

    /// <summary>
    /// Adds the events and writes the grain state (so the change and its events are durable together).
    /// When the write fails the events are taken out again and the exception propagates.
    /// </summary>
    public async Task WriteWithAsync(params MarketEvent[] events)
    {
        var list = pending();
        var start = list.Count;
        list.AddRange(events);
        try
        {
            await writeState();
        }
        catch
        {
            list.RemoveRange(start, list.Count - start);
            throw;
        }
        _storedListIsStale = false;
    }

    /// <summary>
    /// Publishes what is pending, oldest first, stopping at the first failure (per-source order) and scheduling
    /// a retry. Throws only when the retry cannot be scheduled either: then the caller must not acknowledge.
    /// </summary>
    public Task PublishAsync() => PublishPendingAsync(scheduleRetry: true);

    /// <summary>On activation: events a crash or an outage left behind go out now (or are scheduled). Never throws.</summary>
    public async Task OnActivateAsync()
    {
        if (pending().Count == 0) return;
        try
        {
            await PublishPendingAsync(scheduleRetry: true);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not schedule the retry of {Count} market events of {Grain}", pending().Count, owner.GetGrainId());
        }
    }

    /// <summary>The retry reminder: publish; once nothing is pending, store the empty list and stop the reminder.</summary>
    public async Task OnRetryReminderAsync()
    {
        if (!await PublishPendingAsync(scheduleRetry: false)) return; // the reminder keeps its period
        if (_storedListIsStale)
        {
            await writeState();
            _storedListIsStale = false;
        }
        if (await owner.GetReminder(RetryReminder) is { } reminder) await owner.UnregisterReminder(reminder);
    }

    /// <summary>
    /// On deactivation: drop the published events from the store too, so the next activation does not resend them.
    /// Not when the silo shuts down: then every activation deactivates at once (hundreds of thousands of items on a
    /// big silo), and that many writes outlast the deactivation timeout. The next activation sends the events
    /// again instead, which consumers ignore (they apply each source version once).
    /// </summary>
    public async Task OnDeactivateAsync(DeactivationReason reason)
    {
        if (!_storedListIsStale || reason.ReasonCode == DeactivationReasonCode.ShuttingDown) return;
        try
        {
            await writeState();
            _storedListIsStale = false;
        }
        catch (Exception ex)
        {
            // Harmless: the next activation publishes them again and consumers ignore the repeats.
            logger.LogWarning(ex, "Could not store the drained outbox of {Grain}", owner.GetGrainId());
        }
    }

    private async Task<bool> PublishPendingAsync(bool scheduleRetry)
    {
        var list = pending();
        while (list.Count > 0)
        {
            var next = list[0];
            try
            {
                await owner.GetStreamProvider(MarketStreams.ProviderName).PublishMarketEventAsync(next);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not publish {Event} for {Source} v{Sequence}; {Count} event(s) wait in the outbox",
                    next.GetType().Name, next.SourceId, next.Sequence, list.Count);
                if (scheduleRetry) await owner.RegisterOrUpdateReminder(RetryReminder, options.RetryDelay, options.RetryPeriod);
                return false;
            }
            list.RemoveAt(0);
            _storedListIsStale = true;
        }
        return true;
    }
}
