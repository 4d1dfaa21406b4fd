using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Marketplace.Load;

/// <summary>Subscriptions held open during the run and what they delivered, per subscription field.</summary>
public sealed class SubscriptionTally
{
    private readonly ConcurrentDictionary<string, Counts> _byField = new();
    private readonly ConcurrentBag<Task> _readers = [];

    public sealed class Counts
    {
        public int Opened;
        public int Events;
        public int Errors;
        public int ConnectFailures;
    }

    public IReadOnlyDictionary<string, Counts> ByField => _byField;

    /// <summary>Counts the subscription's events until the server or the closing socket completes it.</summary>
    public void Follow(string field, ChannelReader<JsonNode> events)
    {
        var counts = _byField.GetOrAdd(field, _ => new Counts());
        Interlocked.Increment(ref counts.Opened);
        _readers.Add(Task.Run(async () =>
        {
            await foreach (var payload in events.ReadAllAsync())
            {
                if (payload["errors"] is JsonArray { Count: > 0 }) Interlocked.Increment(ref counts.Errors);
                else Interlocked.Increment(ref counts.Events);
            }
        }));
    }

    public void ConnectFailed(string field) => Interlocked.Increment(ref _byField.GetOrAdd(field, _ => new Counts()).ConnectFailures);

    /// <summary>Waits for the readers once the sockets are closed (their channels complete then).</summary>
    public Task DrainAsync() => Task.WhenAll(_readers).WaitAsync(TimeSpan.FromSeconds(10));
}
