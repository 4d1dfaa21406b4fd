using Marketplace.Grains.Interfaces.Analytics;
using Orleans.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Support;

/// <summary>
/// One graphql-ws client (tests/clients/gateway-order-subscription.mjs) following an order through
/// orderStatusChanged. Started only once the gateway's feed for the order is open, so every later change
/// must arrive; <see cref="NextAsync"/> waits for each expected status as it happens.
/// </summary>
public sealed class OrderFollower : IAsyncDisposable
{
    private readonly NodeClient _node;
    private int _seen;

    private OrderFollower(NodeClient node) => _node = node;

    public static async Task<OrderFollower> StartAsync(GatewayHost host, string token, string orderId, int expectedEvents)
    {
        var node = NodeClient.Start("gateway-order-subscription.mjs", host.WebSocketEndpoint.ToString(), token, orderId, expectedEvents.ToString());
        await node.WaitForLineAsync(l => l == "CONNECTED", "the graphql-ws connection");
        // The subscription opens its stream feed after its first read of the order (and re-reads once then):
        // once the feed exists, no later status can be missed. Waiting for it replaces a fixed sleep.
        // Asked through the gateway's own client: Orleans lists the subscriptions of the asking client.
        var stream = host.Services.GetRequiredService<IClusterClient>().GetStreamProvider(MarketStreams.ProviderName)
            .GetStream<MarketEvent>(StreamId.Create(MarketStreams.EventsNamespace, orderId));
        await Eventually.MatchAsync(async () => (await stream.GetAllSubscriptionHandles()).Count, n => n > 0,
            $"the gateway's subscription to order {orderId}", TimeSpan.FromSeconds(60));
        return new OrderFollower(node);
    }

    public string[] Events => _node.Lines.Where(l => l.StartsWith("EVENT ", StringComparison.Ordinal)).ToArray();

    /// <summary>Waits until the subscriber received these events next (status and history length, e.g. "INSPECTING 4").</summary>
    public async Task NextAsync(params string[] expected)
    {
        foreach (var line in expected)
        {
            var index = _seen;
            await Eventually.MatchAsync(() => Task.FromResult(Events), events => events.Length > index || _node.Lines.Any(l => l.StartsWith("ERROR", StringComparison.Ordinal) || l == "TIMEOUT"),
                $"event {index + 1} ({line})", TimeSpan.FromSeconds(60));
            Assert.True(Events.Length > index && Events[index] == "EVENT " + line, $"expected EVENT {line} as event {index + 1}; got:\n{_node.Output}");
            _seen++;
        }
    }

    /// <summary>The client ends after its expected count: every event it got, exactly those, in order.</summary>
    public async Task<string[]> CompleteAsync()
    {
        var output = await _node.WaitForExitAsync();
        Assert.Contains("DONE", _node.Lines);
        Assert.True(Events.Length == _seen, output);
        return Events;
    }

    public ValueTask DisposeAsync() => _node.DisposeAsync();
}
