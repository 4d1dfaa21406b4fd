using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Core;

public sealed record Profile(string Name, int Visits)
{
    public Profile() : this("", 0) { }
}

public sealed record Settings(bool Dark)
{
    public Settings() : this(false) { }
}

public interface IProfileGrain : IGrainWithStringKey
{
    Task<(Profile Profile, bool Dark, bool ReadBeforeActivate)> Load();
    Task Visit(string name);
    Task Conflict();
}

public sealed class ProfileGrain(
    [PersistentState("profile", "store")] IPersistentState<Profile> profile,
    [PersistentState("settings")] IPersistentState<Settings> settings,
    GrainEvents events) : Grain, IProfileGrain
{
    private bool _readBeforeActivate;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The runtime read both states before calling us: visible through RecordExists of stored ones.
        _readBeforeActivate = profile.RecordExists || profile.State.Visits == 0;
        events.Add($"activate {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        events.Add($"deactivate {this.GetPrimaryKeyString()} {reason.Code}");
        return Task.CompletedTask;
    }

    public Task<(Profile Profile, bool Dark, bool ReadBeforeActivate)> Load() =>
        Task.FromResult((profile.State, settings.State.Dark, _readBeforeActivate));

    public async Task Visit(string name)
    {
        profile.State = profile.State with { Name = name, Visits = profile.State.Visits + 1 };
        await profile.WriteStateAsync();
    }

    public Task Conflict() => throw new InconsistentStateException("etag mismatch", "2", "1");
}

public sealed class PersistentStateTests
{
    [Fact]
    public async Task States_are_created_by_the_factory_per_attribute_and_read_before_activation()
    {
        var store = new FakePersistentStateFactory();
        store.Stored["profile/p1/profile@store"] = new Profile("stored", 7);
        store.Stored["profile/p1/settings@Default"] = new Settings(true);
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<IPersistentStateFactory>(store));

        var (profile, dark, _) = await silo.GrainFactory.GetGrain<IProfileGrain>("p1").Load();

        Assert.Equal(new Profile("stored", 7), profile);
        Assert.True(dark);
        Assert.Equal(["profile/p1/profile@store", "profile/p1/settings@Default"], store.Created.ToArray());
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task State_written_by_one_activation_is_read_by_the_next()
    {
        var store = new FakePersistentStateFactory();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<IPersistentStateFactory>(store));
        var grain = silo.GrainFactory.GetGrain<IProfileGrain>("p2");
        await grain.Visit("ann");
        await grain.Visit("ann");

        await silo.RestartAsync();

        var (profile, _, _) = await silo.GrainFactory.GetGrain<IProfileGrain>("p2").Load();
        Assert.Equal(new Profile("ann", 2), profile);
    }

    [Fact]
    public async Task Inconsistent_state_deactivates_the_activation_and_the_next_call_reloads()
    {
        var store = new FakePersistentStateFactory();
        await using var silo = await Silo.StartAsync(s => s.AddSingleton<IPersistentStateFactory>(store));
        var events = silo.Services.GetRequiredService<GrainEvents>();
        var grain = silo.GrainFactory.GetGrain<IProfileGrain>("p3");
        await grain.Visit("bob");

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Conflict());
        await Eventually.True(() => events.Has("deactivate p3 InconsistentState"), "the activation was deactivated");

        var (profile, _, _) = await grain.Load();
        Assert.Equal(new Profile("bob", 1), profile);
        Assert.Equal(2, events.Count("activate p3"));
        Assert.Equal(4, store.Reads);
    }

    [Fact]
    public async Task Missing_state_factory_fails_the_call_with_an_error_naming_the_grain()
    {
        await using var silo = await Silo.StartAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.GrainFactory.GetGrain<IProfileGrain>("p4").Load());
        Assert.Contains(nameof(ProfileGrain), error.Message);
        Assert.Contains("IPersistentStateFactory", error.Message);
    }
}
