using System.Collections.Concurrent;
using Marketplace.Runtime.Reminders;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public interface IAlarmGrain : IGrainWithStringKey
{
    Task Arm(string name);
    Task Disarm(string name);
    Task<int> Rings();
}

public sealed class AlarmGrain : Grain, IAlarmGrain, IRemindable
{
    private int _rings;

    public Task Arm(string name) => RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    public async Task Disarm(string name)
    {
        var reminder = await GetReminder(name) ?? throw new InvalidOperationException($"no reminder {name}");
        await UnregisterReminder(reminder);
    }

    public Task<int> Rings() => Task.FromResult(_rings);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _rings++;
        return Task.CompletedTask;
    }
}

/// <summary>Records what the runtime forwards; the real service belongs to the storage work.</summary>
public sealed class RecordingReminderService : IReminderService
{
    public ConcurrentQueue<string> Calls { get; } = new();

    public Task<IGrainReminder> RegisterOrUpdateReminder(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        Calls.Enqueue($"register {grainId} {reminderName} {dueTime} {period}");
        return Task.FromResult<IGrainReminder>(new Reminder(reminderName));
    }

    public Task UnregisterReminder(GrainId grainId, string reminderName)
    {
        Calls.Enqueue($"unregister {grainId} {reminderName}");
        return Task.CompletedTask;
    }

    public Task<IGrainReminder?> GetReminder(GrainId grainId, string reminderName) => Task.FromResult<IGrainReminder?>(new Reminder(reminderName));

    private sealed record Reminder(string ReminderName) : IGrainReminder;
}

public sealed class RemindersForwardingTests
{
    [Fact]
    public async Task Reminder_methods_of_a_grain_reach_the_reminder_service_with_the_grain_id()
    {
        var reminders = new RecordingReminderService();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<IReminderService>(reminders));
        var alarm = silo.GrainFactory.GetGrain<IAlarmGrain>("wake");

        await alarm.Arm("morning");
        await alarm.Disarm("morning");

        Assert.Equal(["register alarm/wake morning 00:01:00 00:05:00", "unregister alarm/wake morning"], reminders.Calls.ToArray());
    }

    [Fact]
    public async Task Reminder_ticks_are_delivered_through_a_reference_by_grain_id()
    {
        await using var silo = await Silo.StartAsync();
        var now = DateTimeOffset.UnixEpoch;
        await silo.GrainFactory.GetGrain<IRemindable>(new GrainId("alarm", "tick")).ReceiveReminder("r", new TickStatus(now, TimeSpan.FromMinutes(1), now));
        Assert.Equal(1, await silo.GrainFactory.GetGrain<IAlarmGrain>("tick").Rings());
    }

    [Fact]
    public async Task Reminders_without_a_reminder_service_fail_with_a_clear_error()
    {
        await using var silo = await Silo.StartAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IAlarmGrain>("none").Arm("x"));
        Assert.Contains("IReminderService", error.Message);
    }
}
