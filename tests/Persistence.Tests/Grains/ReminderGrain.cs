using System.Collections.Concurrent;
using Orleans;
using Orleans.Runtime;

namespace Marketplace.Persistence.Tests.Grains;

/// <summary>What fired in one silo host (a singleton of the host, so a new silo starts with an empty log).</summary>
public sealed class ReminderLog
{
    private readonly ConcurrentQueue<(string Grain, string Reminder)> ticks = new();

    public void Add(string grain, string reminder) => ticks.Enqueue((grain, reminder));

    public bool Has(string grain, string reminder) => ticks.Contains((grain, reminder));
}

public interface IReminderTestGrain : IGrainWithStringKey
{
    Task Register(string name, TimeSpan dueTime, TimeSpan period);

    Task<bool> IsRegistered(string name);
}

[GrainType("test-reminder")]
public sealed class ReminderTestGrain(ReminderLog log) : Grain, IReminderTestGrain, IRemindable
{
    public Task Register(string name, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task<bool> IsRegistered(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add(this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
