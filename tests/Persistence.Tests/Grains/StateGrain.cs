using Orleans;
using Orleans.Runtime;

namespace Marketplace.Persistence.Tests.Grains;

public enum TestGrade
{
    New,
    LikeNew,
    Good,
}

/// <summary>State shaped like the marketplace's: money as decimal, enums, nested lists, nullable members.</summary>
[GenerateSerializer]
public sealed class TestItemState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public decimal Price { get; set; }
    [Id(2)] public TestGrade Grade { get; set; }
    [Id(3)] public List<decimal> PriceHistory { get; set; } = [];
    [Id(4)] public string? Notes { get; set; }
    [Id(5)] public int Writes { get; set; }
}

public interface IStateTestGrain : IGrainWithStringKey
{
    Task Save(TestItemState state);

    Task<TestItemState> Load();

    Task Clear();

    /// <summary>Increments <see cref="TestItemState.Writes"/> and writes, <paramref name="times"/> times.</summary>
    Task Bump(int times);
}

[GrainType("test-item")]
public sealed class StateTestGrain([PersistentState("item")] IPersistentState<TestItemState> item) : Grain, IStateTestGrain
{
    public async Task Save(TestItemState state)
    {
        item.State = state;
        await item.WriteStateAsync();
    }

    public Task<TestItemState> Load() => Task.FromResult(item.State);

    public Task Clear() => item.ClearStateAsync();

    public async Task Bump(int times)
    {
        for (var i = 0; i < times; i++)
        {
            item.State.Writes++;
            await item.WriteStateAsync();
        }
    }
}

/// <summary>A second grain type with the same state name: its rows must not mix with the first one's.</summary>
public interface IOtherStateTestGrain : IGrainWithStringKey
{
    Task Save(TestItemState state);

    Task<TestItemState> Load();
}

[GrainType("test-other")]
public sealed class OtherStateTestGrain([PersistentState("item")] IPersistentState<TestItemState> item) : Grain, IOtherStateTestGrain
{
    public async Task Save(TestItemState state)
    {
        item.State = state;
        await item.WriteStateAsync();
    }

    public Task<TestItemState> Load() => Task.FromResult(item.State);
}
