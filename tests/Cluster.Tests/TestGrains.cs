using System.Collections.Concurrent;
using System.Collections.Immutable;
using Marketplace.Runtime;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Reminders;

namespace Marketplace.Cluster.Tests;

public sealed record CounterState
{
    public int Total { get; init; }
    /// <summary>Operation ids already applied: a retried call is acknowledged without applying twice.</summary>
    public ImmutableHashSet<string> Applied { get; init; } = ImmutableHashSet<string>.Empty;
}

public sealed record Tally(string Label, decimal Amount, ImmutableList<string> Tags);

public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds once per operation id; returns the total.</summary>
    Task<int> AddAsync(string operationId, int amount);
    Task<int> GetAsync();
    Task<CounterState> GetStateAsync();
    Task<string> WhereAmIAsync();
    Task<Tally> EchoAsync(Tally tally, ICounterGrain other);
    Task FailAsync(string message);
}

[GrainType("counter")]
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> state,
    LocalSiloIdentity silo) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(string operationId, int amount)
    {
        if (state.State.Applied.Contains(operationId)) return state.State.Total;
        state.State = state.State with { Total = state.State.Total + amount, Applied = state.State.Applied.Add(operationId) };
        await state.WriteStateAsync();
        return state.State.Total;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Total);

    public Task<CounterState> GetStateAsync() => Task.FromResult(state.State);

    public Task<string> WhereAmIAsync() => Task.FromResult(silo.Silo!.ToString());

    /// <summary>Calls the other grain (possibly on another silo) and returns a record built from both.</summary>
    public async Task<Tally> EchoAsync(Tally tally, ICounterGrain other)
    {
        var otherTotal = await other.GetAsync();
        return tally with { Amount = tally.Amount + otherTotal, Tags = tally.Tags.Add(other.GetPrimaryKeyString()) };
    }

    public Task FailAsync(string message) => throw new ArgumentException(message);
}

/// <summary>Where reminder ticks are recorded; one instance shared by every silo of the test.</summary>
public sealed class TickLog
{
    public ConcurrentQueue<(string Grain, string Silo, DateTime At)> Ticks { get; } = new();
}

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
}

[GrainType("reminderprobe")]
public sealed class ReminderProbeGrain(TickLog log, LocalSiloIdentity silo) : Grain, IReminderProbeGrain, IRemindable
{
    public Task StartAsync(TimeSpan period) => RegisterOrUpdateReminder("tick", TimeSpan.Zero, period);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Ticks.Enqueue((GetPrimaryKeyString(), silo.Silo!.ToString(), DateTime.UtcNow));
        return Task.CompletedTask;
    }
}
