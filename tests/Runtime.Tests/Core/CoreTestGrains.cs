using Marketplace.Runtime.Tests.Support;

namespace Marketplace.Runtime.Tests.Core;

public sealed record Greeting(string Text, int Number);

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();
    ValueTask<int> Get();
    ValueTask Reset();
    Task<Greeting> Greet(Greeting greeting);
    Task Fail(string message);
    Task DeactivateSelf();
    Task KeepAlive(TimeSpan duration);
    Task<int> IncrementOther(ICounterGrain other);
}

public sealed class CounterGrain(GrainEvents events) : Grain, ICounterGrain
{
    private int _count;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events.Add($"activate {this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        events.Add($"deactivate {this.GetPrimaryKeyString()} {reason.Code}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        await Task.Yield();
        return ++_count;
    }

    public ValueTask<int> Get() => ValueTask.FromResult(_count);

    public ValueTask Reset()
    {
        _count = 0;
        return ValueTask.CompletedTask;
    }

    public Task<Greeting> Greet(Greeting greeting) => Task.FromResult(greeting with { Text = $"hello {greeting.Text}", Number = greeting.Number + 1 });

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }

    public Task DeactivateSelf()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task KeepAlive(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public Task<int> IncrementOther(ICounterGrain other) => other.Increment();
}

/// <summary>Fails its first activation when asked to by the test, then activates normally.</summary>
public interface IFlakyActivationGrain : IGrainWithStringKey
{
    Task<string> Ping();
}

public sealed class FlakyActivationSwitch
{
    public int FailuresLeft { get; set; }
}

public sealed class FlakyActivationGrain(FlakyActivationSwitch failures) : Grain, IFlakyActivationGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (failures.FailuresLeft > 0)
        {
            failures.FailuresLeft--;
            throw new ApplicationException("activation refused");
        }
        return Task.CompletedTask;
    }

    public Task<string> Ping() => Task.FromResult("pong");
}

[GrainType("named-explicitly")]
public sealed class ExplicitlyNamedGrain : Grain, IExplicitlyNamedGrain
{
    public Task<string> Who() => Task.FromResult(this.GetGrainId().ToString());
}

public interface IExplicitlyNamedGrain : IGrainWithStringKey
{
    Task<string> Who();
}
