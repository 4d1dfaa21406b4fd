using System.Collections.Immutable;
using Orleans.Runtime;

namespace Marketplace.Cluster.Tests;

/// <summary>State of a <see cref="CounterGrain"/>: the total and the operation ids it already applied.</summary>
[GenerateSerializer, Immutable, Alias("cluster-tests.CounterState")]
public sealed record CounterState
{
    [Id(0)] public int Total { get; init; }

    /// <summary>Operation ids already applied: a retried call is acknowledged without applying twice.</summary>
    [Id(1)] public ImmutableHashSet<string> Applied { get; init; } = ImmutableHashSet<string>.Empty;
}

/// <summary>
/// An idempotent counter for the multi-process test: loaded into the silo processes by path
/// (Silo:GrainAssemblies), called from the test process.
/// </summary>
[Alias("cluster-tests.ICounterGrain")]
public interface ICounterGrain : IGrainWithStringKey
{
    /// <summary>Adds once per operation id; returns the total.</summary>
    [Alias("Add")] Task<int> AddAsync(string operationId, int amount);

    [Alias("GetState")] Task<CounterState> GetStateAsync();

    /// <summary>The silo this activation runs on: how the test learns which grains a silo it kills held.</summary>
    [Alias("WhereAmI")] Task<SiloAddress> WhereAmIAsync();
}

[GrainType("cluster-tests.counter")]
public sealed class CounterGrain(
    [PersistentState("counter")] IPersistentState<CounterState> state,
    ILocalSiloDetails silo) : Grain, ICounterGrain
{
    public async Task<int> AddAsync(string operationId, int amount)
    {
        if (state.State.Applied.Contains(operationId)) return state.State.Total;
        var before = state.State;
        state.State = before with { Total = before.Total + amount, Applied = before.Applied.Add(operationId) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not acknowledged, and not applied in memory either: a retry must find the operation new.
            state.State = before;
            throw;
        }
        return state.State.Total;
    }

    public Task<CounterState> GetStateAsync() => Task.FromResult(state.State);

    public Task<SiloAddress> WhereAmIAsync() => Task.FromResult(silo.SiloAddress);
}
