using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Transport;

namespace Marketplace.GraphQL.Tests.Transport;

public sealed class OperationAdmissionTests
{
    private static object Subscribe(string id, int ticks) =>
        new { id, type = "subscribe", payload = new { query = "subscription($c: Int!) { ticks(count: $c) }", variables = new { c = ticks } } };

    [Fact]
    public async Task A_refused_subscribe_gets_its_error_and_never_runs_while_an_admitted_one_holds_its_lease_until_it_ends()
    {
        var admitted = new List<string>();
        var released = 0;
        await using var server = await TransportTestServer.StartAsync(development: false, o => o.WebSockets.AdmitOperation = context =>
        {
            Assert.Equal("ws:alice", context.UserContext);
            if (context.OperationId.StartsWith("no", StringComparison.Ordinal))
                return ValueTask.FromResult(OperationAdmission.Refuse(new GraphQLError("Slow down.", extensions: new Dictionary<string, object?> { ["code"] = "RATE_LIMITED" })));
            lock (admitted) admitted.Add(context.OperationId);
            return ValueTask.FromResult(OperationAdmission.Admit(new Release(() => Interlocked.Increment(ref released))));
        });
        await using var client = await WebSocketTestClient.ConnectAsync(server.WebSocketEndpoint);
        await client.InitAsync();

        await client.SendAsync(Subscribe("no-1", 3));
        var refused = (await client.ReceiveAsync())!.Value;
        Assert.Equal("error", refused.GetProperty("type").GetString());
        Assert.Equal("no-1", refused.GetProperty("id").GetString());
        Assert.Equal("RATE_LIMITED", refused.GetProperty("payload")[0].GetProperty("extensions").GetProperty("code").GetString());

        await client.SendAsync(Subscribe("yes-1", 2));
        Assert.Equal("next", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());
        Assert.Equal("next", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());
        Assert.Equal("complete", (await client.ReceiveAsync())!.Value.GetProperty("type").GetString());

        Assert.Equal(["yes-1"], admitted);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (Volatile.Read(ref released) == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(1, Volatile.Read(ref released));
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
