using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Marketplace.Persistence.Tests.Streams;

public static class StreamNames
{
    public const string Provider = "Market";
    public const string MarketNamespace = "market-events";
    public const string StatsNamespace = "stats-category";
}

// A small copy of the shape of the real market events: an abstract, polymorphic record hierarchy keyed by the
// source (item, order, ...) id, versioned per source.
[GenerateSerializer, Alias("tests.streams.MarketEvent")]
public abstract record TestMarketEvent([property: Id(0)] string SourceId, [property: Id(1)] long Version);

[GenerateSerializer, Alias("tests.streams.ItemListed")]
public sealed record TestItemListed(string SourceId, long Version, [property: Id(0)] decimal Price)
    : TestMarketEvent(SourceId, Version);

[GenerateSerializer, Alias("tests.streams.ItemPriceChanged")]
public sealed record TestItemPriceChanged(string SourceId, long Version, [property: Id(0)] decimal OldPrice,
    [property: Id(1)] decimal NewPrice) : TestMarketEvent(SourceId, Version);

[GenerateSerializer, Alias("tests.streams.StatsChanged")]
public sealed record TestStatsChanged([property: Id(0)] string Scope, [property: Id(1)] long Revision);

public interface ITestProducerGrain : IGrainWithStringKey
{
    /// <summary>Publishes one event; returns once the provider acknowledged it.</summary>
    Task Publish(TestMarketEvent e);

    /// <summary>Publishes versions [from, to] of one source in order.</summary>
    Task PublishRange(string sourceId, long from, long to);

    Task PublishStats(string key, TestStatsChanged e);
}

public sealed class TestProducerGrain : Grain, ITestProducerGrain
{
    private IStreamProvider Provider => this.GetStreamProvider(StreamNames.Provider);

    public Task Publish(TestMarketEvent e) =>
        Provider.GetStream<TestMarketEvent>(StreamId.Create(StreamNames.MarketNamespace, e.SourceId)).OnNextAsync(e);

    public async Task PublishRange(string sourceId, long from, long to)
    {
        var stream = Provider.GetStream<TestMarketEvent>(StreamId.Create(StreamNames.MarketNamespace, sourceId));
        for (var v = from; v <= to; v++)
            await stream.OnNextAsync(MakeEvent(sourceId, v));
    }

    public Task PublishStats(string key, TestStatsChanged e) =>
        Provider.GetStream<TestStatsChanged>(StreamId.Create(StreamNames.StatsNamespace, key)).OnNextAsync(e);

    public static TestMarketEvent MakeEvent(string sourceId, long version) => version % 2 == 1
        ? new TestItemListed(sourceId, version, 10m + version)
        : new TestItemPriceChanged(sourceId, version, 10m + version - 1, 10m + version);
}

public interface ITestConsumerGrain : IGrainWithStringKey { }

/// <summary>The implicit subscriber of market-events: one activation per source id. It reports every delivery to
/// <see cref="StreamProbe"/> and throws when the probe says so (to ask for a redelivery).</summary>
[ImplicitStreamSubscription(StreamNames.MarketNamespace)]
public sealed class TestConsumerGrain : Grain, ITestConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<TestMarketEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<TestMarketEvent>().ResumeAsync(this);

    public Task OnNextAsync(TestMarketEvent item, StreamSequenceToken? token = null)
    {
        if (item.SourceId != this.GetPrimaryKeyString())
            throw new InvalidOperationException($"event of {item.SourceId} delivered to {this.GetPrimaryKeyString()}");
        StreamProbe.Record(item);
        if (StreamProbe.ShouldFail(item))
            throw new InvalidOperationException($"planned failure of {item.SourceId} v{item.Version}");
        StreamProbe.Apply(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;
    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

/// <summary>What the consumers saw, shared by all silos of the in-process cluster (one test at a time uses it:
/// the stream test classes are in one collection).</summary>
public static class StreamProbe
{
    private static readonly object Gate = new();
    private static readonly Dictionary<string, List<long>> DeliveriesByKey = new();
    private static readonly Dictionary<string, List<long>> AppliedByKey = new();
    private static readonly ConcurrentDictionary<(string, long), int> PlannedFailures = new();
    private static volatile bool _holdAll;

    public static void Reset()
    {
        lock (Gate) { DeliveriesByKey.Clear(); AppliedByKey.Clear(); }
        PlannedFailures.Clear();
        _holdAll = false;
    }

    /// <summary>While set, every delivery throws: events stay undelivered (and retried) in the queues.</summary>
    public static bool HoldAll { get => _holdAll; set => _holdAll = value; }

    public static void FailTimes(string key, long version, int times) => PlannedFailures[(key, version)] = times;

    internal static bool ShouldFail(TestMarketEvent e)
    {
        if (_holdAll) return true;
        while (PlannedFailures.TryGetValue((e.SourceId, e.Version), out var left) && left > 0)
            if (PlannedFailures.TryUpdate((e.SourceId, e.Version), left - 1, left))
                return true;
        return false;
    }

    internal static void Record(TestMarketEvent e)
    {
        lock (Gate) Add(DeliveriesByKey, e);
    }

    /// <summary>Idempotent per source version, as the real consumers are: a version applied before is skipped.</summary>
    internal static void Apply(TestMarketEvent e)
    {
        lock (Gate)
        {
            if (!AppliedByKey.TryGetValue(e.SourceId, out var list) || !list.Contains(e.Version))
                Add(AppliedByKey, e);
        }
    }

    private static void Add(Dictionary<string, List<long>> map, TestMarketEvent e)
    {
        if (!map.TryGetValue(e.SourceId, out var list)) map[e.SourceId] = list = new List<long>();
        list.Add(e.Version);
    }

    public static IReadOnlyList<long> Deliveries(string key)
    {
        lock (Gate) return DeliveriesByKey.TryGetValue(key, out var l) ? l.ToArray() : Array.Empty<long>();
    }

    /// <summary>Versions in the order they were first applied.</summary>
    public static IReadOnlyList<long> Applied(string key)
    {
        lock (Gate) return AppliedByKey.TryGetValue(key, out var l) ? l.ToArray() : Array.Empty<long>();
    }

    public static int AppliedCount
    {
        get { lock (Gate) return AppliedByKey.Values.Sum(l => l.Count); }
    }

    public static int DeliveryCount
    {
        get { lock (Gate) return DeliveriesByKey.Values.Sum(l => l.Count); }
    }

    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not reached within {timeout}: {describe()}");
            await Task.Delay(100);
        }
    }
}
