using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Tests.Support;

namespace Marketplace.Runtime.Tests.Streams;

public sealed record PriceChanged(string Item, decimal Price);

public sealed class CallbackObserver<T>(Func<T, StreamSequenceToken?, Task> onNext) : IAsyncObserver<T>
{
    public Task OnNextAsync(T item, StreamSequenceToken? token = null) => onNext(item, token);
}

public interface IPriceWatcherGrain : IGrainWithStringKey
{
    Task Watch(string itemKey);
    Task StopWatching();
    Task<IReadOnlyList<decimal>> Seen();
    Task<bool> OverlapSeen();
}

/// <summary>Subscribes explicitly; each delivery must be a turn of this activation.</summary>
public sealed class PriceWatcherGrain : Grain, IPriceWatcherGrain
{
    private readonly List<decimal> _seen = [];
    private StreamSubscriptionHandle<PriceChanged>? _handle;
    private bool _busy;
    private bool _overlap;

    public async Task Watch(string itemKey)
    {
        var stream = GetStreamProvider("prices").GetStream<PriceChanged>(StreamId.Create("prices", itemKey));
        _handle = await stream.SubscribeAsync(new CallbackObserver<PriceChanged>(async (e, _) =>
        {
            if (_busy) _overlap = true;
            _busy = true;
            await Task.Yield();
            _seen.Add(e.Price);
            _busy = false;
        }));
    }

    public async Task StopWatching() => await _handle!.UnsubscribeAsync();

    public Task<IReadOnlyList<decimal>> Seen() => Task.FromResult<IReadOnlyList<decimal>>(_seen.ToArray());
    public Task<bool> OverlapSeen() => Task.FromResult(_overlap);
}

public interface IItemHistoryGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<(decimal Price, long Sequence)>> History();
}

/// <summary>Every "prices" stream is delivered to the history grain with the stream's key.</summary>
[ImplicitStreamSubscription("prices")]
public sealed class ItemHistoryGrain(GrainEvents events) : Grain, IItemHistoryGrain, IStreamSubscriptionObserver
{
    private readonly List<(decimal, long)> _history = [];

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        events.Add($"subscribed {this.GetPrimaryKeyString()} {handleFactory.StreamId}");
        await handleFactory.Create<PriceChanged>().ResumeAsync(new CallbackObserver<PriceChanged>((e, token) =>
        {
            _history.Add((e.Price, token!.SequenceNumber));
            return Task.CompletedTask;
        }));
    }

    public Task<IReadOnlyList<(decimal Price, long Sequence)>> History() => Task.FromResult<IReadOnlyList<(decimal, long)>>(_history.ToArray());
}

/// <summary>Holds back deliveries of the "stalled" and "holder" streams until the test opens them.</summary>
public sealed class DeliveryGate
{
    /// <summary>Deliveries of the "stalled" stream wait for this.</summary>
    public TaskCompletionSource Open { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once a delivery of the "holder" stream has started: the pulling agent is busy with that batch.</summary>
    public TaskCompletionSource HolderEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Deliveries of the "holder" stream wait for this, keeping the agent from reading its next batch.</summary>
    public TaskCompletionSource ReleaseHolder { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Lets every held delivery finish (so a failed test can still stop its silo).</summary>
    public void OpenAll()
    {
        ReleaseHolder.TrySetResult();
        Open.TrySetResult();
    }
}

public interface ISlowConsumerGrain : IGrainWithStringKey
{
    Task<IReadOnlyList<decimal>> Received();
}

/// <summary>Implicit consumer of "slow-prices" whose "stalled" and "holder" streams wait on the <see cref="DeliveryGate"/>.</summary>
[ImplicitStreamSubscription("slow-prices")]
public sealed class SlowConsumerGrain(DeliveryGate gate) : Grain, ISlowConsumerGrain, IStreamSubscriptionObserver
{
    private readonly List<decimal> _received = [];

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<PriceChanged>().ResumeAsync(new CallbackObserver<PriceChanged>(async (e, _) =>
        {
            switch (this.GetPrimaryKeyString())
            {
                case "stalled":
                    await gate.Open.Task;
                    break;
                case "holder":
                    gate.HolderEntered.TrySetResult();
                    await gate.ReleaseHolder.Task;
                    break;
            }
            _received.Add(e.Price);
        }));

    public Task<IReadOnlyList<decimal>> Received() => Task.FromResult<IReadOnlyList<decimal>>(_received.ToArray());
}
