namespace Marketplace.Runtime.Bench;

public interface IAccumulatorGrain : IGrainWithStringKey
{
    Task<int> Add(int value);
}

/// <summary>The same work as <see cref="MailboxActor"/>: add to a running total and return it.</summary>
public sealed class AccumulatorGrain : Grain, IAccumulatorGrain
{
    private int _total;

    public Task<int> Add(int value) => Task.FromResult(_total += value);
}

public interface IIdleGrain : IGrainWithStringKey
{
    Task Touch();
}

/// <summary>A small grain with a little state, for the memory-per-activation figure.</summary>
public sealed class IdleGrain : Grain, IIdleGrain
{
    private int _touches;

    public Task Touch()
    {
        _touches++;
        return Task.CompletedTask;
    }
}
