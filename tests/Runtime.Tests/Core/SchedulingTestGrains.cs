using Marketplace.Runtime.Tests.Support;

namespace Marketplace.Runtime.Tests.Core;

public interface ISequentialGrain : IGrainWithStringKey
{
    /// <summary>Records entry/exit around several awaits so overlapping turns show up.</summary>
    Task Work(int id);
    Task<IReadOnlyList<int>> Order();
    Task<int> MaxConcurrent();
    Task Hold();
    [ReadOnly] Task HoldReadOnly();
    [ReadOnly] Task<string> Read();
    [AlwaysInterleave] Task HoldInterleaving();
    Task<string> Write();
    [OneWay] Task Note(int id);
}

public class SequentialGrain(Gate gate) : Grain, ISequentialGrain
{
    private readonly List<int> _order = [];
    private int _inside;
    private int _maxInside;
    private int? _threadLock;

    public async Task Work(int id)
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        _order.Add(id);
        for (var i = 0; i < 3; i++)
        {
            // Touch state and check no other thread is in here right now.
            var me = Environment.CurrentManagedThreadId;
            if (_threadLock is not null && _threadLock != me) throw new InvalidOperationException("two threads inside the grain");
            _threadLock = me;
            await Task.Yield();
            await Task.Delay(1);
            _threadLock = null;
        }
        _inside--;
    }

    public Task<IReadOnlyList<int>> Order() => Task.FromResult<IReadOnlyList<int>>(_order.ToArray());
    public Task<int> MaxConcurrent() => Task.FromResult(_maxInside);
    public Task Hold() => gate.PassAsync();
    public Task HoldReadOnly() => gate.PassAsync();
    public Task<string> Read() => Task.FromResult("read");
    public Task HoldInterleaving() => gate.PassAsync();
    public Task<string> Write() => Task.FromResult("write");

    public Task Note(int id)
    {
        _order.Add(id);
        return Task.CompletedTask;
    }
}

public interface IReentrantWorker : IGrainWithStringKey
{
    Task Hold();
    Task<int> MaxConcurrent();
    Task Work();
}

[Reentrant]
public sealed class ReentrantWorkerGrain(Gate gate) : Grain, IReentrantWorker
{
    private int _inside;
    private int _maxInside;
    private int? _threadLock;

    public Task Hold() => gate.PassAsync();

    public Task<int> MaxConcurrent() => Task.FromResult(_maxInside);

    // Reentrant turns interleave at awaits but still never run on two threads at once.
    public async Task Work()
    {
        _inside++;
        _maxInside = Math.Max(_maxInside, _inside);
        for (var i = 0; i < 3; i++)
        {
            var me = Environment.CurrentManagedThreadId;
            if (_threadLock is not null) throw new InvalidOperationException("two threads inside the grain");
            _threadLock = me;
            Thread.SpinWait(100);
            _threadLock = null;
            await Task.Delay(1);
        }
        _inside--;
    }
}

public interface IPingGrain : IGrainWithStringKey
{
    Task<string> CallThrough(string[] keys);
    Task<string> Hello();
    Task<string> Hang();
}

public sealed class PingGrain(Gate gate) : Grain, IPingGrain
{
    /// <summary>Calls the next grain of the chain; the last one calls Hello on the first key.</summary>
    public Task<string> CallThrough(string[] keys) => keys.Length == 1
        ? GrainFactory.GetGrain<IPingGrain>(keys[0]).Hello()
        : GrainFactory.GetGrain<IPingGrain>(keys[0]).CallThrough(keys[1..]);

    public Task<string> Hello() => Task.FromResult($"hello from {this.GetPrimaryKeyString()}");

    public async Task<string> Hang()
    {
        await gate.PassAsync();
        return "released";
    }
}

public interface IReentrantPingGrain : IGrainWithStringKey
{
    Task<string> CallBackThrough(string otherKey);
    Task<string> Hello();
}

[Reentrant]
public sealed class ReentrantPingGrain : Grain, IReentrantPingGrain
{
    public Task<string> CallBackThrough(string otherKey) =>
        GrainFactory.GetGrain<IBouncerGrain>(otherKey).Bounce(this.GetPrimaryKeyString());

    public Task<string> Hello() => Task.FromResult("hello back");
}

public interface IBouncerGrain : IGrainWithStringKey
{
    Task<string> Bounce(string reentrantKey);
}

public sealed class BouncerGrain : Grain, IBouncerGrain
{
    public Task<string> Bounce(string reentrantKey) => GrainFactory.GetGrain<IReentrantPingGrain>(reentrantKey).Hello();
}
