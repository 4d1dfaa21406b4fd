using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orleans.Runtime;
using Orleans.Streams;

namespace Marketplace.Gateway.Subscriptions;

/// <summary>
/// Turns "something changed" wake-ups (stream events of any type and in-process signals) into an async
/// sequence of re-reads. Wake-ups coalesce: a burst causes one re-read. No polling: the grains publish an
/// event for every change a subscription follows (see SubscriptionResolvers).
/// </summary>
internal sealed class ChangeFeed : IAsyncDisposable
{
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly List<IDisposable> _signals = [];
    private readonly List<Func<Task>> _unsubscribes = [];

    public void Wake() => _wakeups.Writer.TryWrite(true);

    public void Listen(ChangeSignals signals, string key) => _signals.Add(signals.Listen(key, Wake));

    public async Task SubscribeAsync<T>(IStreamProvider provider, StreamId streamId)
    {
        var handle = await provider.GetStream<T>(streamId).SubscribeAsync(new WakeObserver<T>(this));
        _unsubscribes.Add(handle.UnsubscribeAsync);
    }

    /// <summary>Yields once per (coalesced) wake-up until cancelled.</summary>
    public async IAsyncEnumerable<bool> WakeupsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _wakeups.Reader.WaitToReadAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            _wakeups.Reader.TryRead(out _);
            yield return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var signal in _signals) signal.Dispose();
        foreach (var unsubscribe in _unsubscribes)
        {
            try
            {
                await unsubscribe();
            }
            catch (Exception)
            {
                // The silo may be stopping; the subscription dies with it.
            }
        }
    }

    private sealed class WakeObserver<T>(ChangeFeed feed) : IAsyncObserver<T>
    {
        public Task OnNextAsync(T item, StreamSequenceToken? token = null)
        {
            feed.Wake();
            return Task.CompletedTask;
        }

        /// <summary>Events may have been missed (a cluster client lost its stream connection): re-read.</summary>
        public Task OnErrorAsync(Exception ex)
        {
            feed.Wake();
            return Task.CompletedTask;
        }
    }
}
