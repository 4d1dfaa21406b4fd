using System.Collections.Concurrent;

namespace Marketplace.Gateway.Subscriptions;

/// <summary>
/// In-process "something changed, re-read it" signals, raised by this gateway's own mutations. They
/// complement the grains' streams (which cover changes made elsewhere, e.g. deadlines firing) so a
/// subscriber sees a change as soon as the mutation answered, even for transitions without a market event.
/// </summary>
public sealed class ChangeSignals
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action>> _listeners = new(StringComparer.Ordinal);

    public static string OrderKey(string orderId) => "order:" + orderId;
    public static string ItemKey(string itemId) => "item:" + itemId;
    public static string RentalKey(string rentalId) => "rental:" + rentalId;

    public IDisposable Listen(string key, Action onChange)
    {
        var id = Guid.NewGuid();
        _listeners.GetOrAdd(key, _ => new()).TryAdd(id, onChange);
        return new Registration(() =>
        {
            if (_listeners.TryGetValue(key, out var set))
            {
                set.TryRemove(id, out _);
                if (set.IsEmpty) _listeners.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, Action>>(key, set));
            }
        });
    }

    public void Notify(string key)
    {
        if (!_listeners.TryGetValue(key, out var set)) return;
        foreach (var listener in set.Values) listener();
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) dispose();
        }
    }
}
