using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Marketplace.Cluster.Tests;

/// <summary>GraphQL over HTTP POST against one gateway process.</summary>
/// <param name="timeout">Per request (30 s, the gateway's execution timeout, unless given).</param>
public sealed class GraphQLHttp(Uri gateway, TimeSpan? timeout = null) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    /// <summary>The response body; throws with the whole body when it has errors (top-level or in a mutation payload).</summary>
    public async Task<JsonNode> OkAsync(string query, object? variables = null, string? token = null)
    {
        var body = await PostAsync(query, variables, token);
        if (body["errors"] is JsonArray { Count: > 0 } || body["data"] is null) throw new GraphQLErrorException(body.ToJsonString());
        foreach (var (_, value) in body["data"]!.AsObject())
            if (value?["errors"] is JsonArray { Count: > 0 }) throw new GraphQLErrorException(body.ToJsonString());
        return body["data"]!;
    }

    public async Task<JsonObject> PostAsync(string query, object? variables = null, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query, variables }) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonNode.Parse(text)!.AsObject();
        }
        catch (JsonException)
        {
            throw new GraphQLErrorException($"HTTP {(int)response.StatusCode}: {text}");
        }
    }

    public void Dispose() => _http.Dispose();
}

public sealed class GraphQLErrorException(string message) : Exception(message);

/// <summary>A minimal graphql-transport-ws client: one connection, subscriptions by id, their payloads in a channel each.</summary>
public sealed class GraphQLWebSocket : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Dictionary<string, Channel<JsonNode>> _subscriptions = [];
    private readonly CancellationTokenSource _closing = new();
    private Task _reader = Task.CompletedTask;
    private int _nextId;

    public static async Task<GraphQLWebSocket> ConnectAsync(Uri gateway, string? token)
    {
        var client = new GraphQLWebSocket();
        client._socket.Options.AddSubProtocol("graphql-transport-ws");
        var uri = new UriBuilder(gateway) { Scheme = "ws", Path = "/graphql" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client._socket.ConnectAsync(uri, timeout.Token);
        await client.SendAsync(new JsonObject { ["type"] = "connection_init", ["payload"] = new JsonObject { ["authorization"] = token is null ? null : "Bearer " + token } });
        var ack = await client.ReceiveAsync(timeout.Token);
        if (ack?["type"]?.GetValue<string>() != "connection_ack") throw new InvalidOperationException("No connection_ack: " + ack?.ToJsonString());
        client._reader = Task.Run(client.ReadLoopAsync);
        return client;
    }

    /// <summary>Starts a subscription; its "next" payloads (data or errors) arrive in the returned channel.</summary>
    public async Task<ChannelReader<JsonNode>> SubscribeAsync(string query, object variables)
    {
        var id = Interlocked.Increment(ref _nextId).ToString();
        var channel = Channel.CreateUnbounded<JsonNode>();
        lock (_subscriptions) _subscriptions[id] = channel;
        await SendAsync(new JsonObject
        {
            ["id"] = id,
            ["type"] = "subscribe",
            ["payload"] = new JsonObject { ["query"] = query, ["variables"] = JsonSerializer.SerializeToNode(variables) },
        });
        return channel.Reader;
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var message = await ReceiveAsync(_closing.Token);
                if (message is null) break;
                var type = message["type"]?.GetValue<string>();
                if (type == "ping") { await SendAsync(new JsonObject { ["type"] = "pong" }); continue; }
                var id = message["id"]?.GetValue<string>();
                Channel<JsonNode>? channel;
                lock (_subscriptions) _subscriptions.TryGetValue(id ?? "", out channel);
                if (channel is null) continue;
                if (type is "next") channel.Writer.TryWrite(message["payload"]!);
                else if (type is "error") channel.Writer.TryWrite(new JsonObject { ["errors"] = message["payload"]!.DeepClone() });
                else if (type is "complete") channel.Writer.TryComplete();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException) { }
        lock (_subscriptions)
            foreach (var channel in _subscriptions.Values) channel.Writer.TryComplete();
    }

    private async Task<JsonNode?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        while (true)
        {
            var segment = new byte[8192];
            var result = await _socket.ReceiveAsync(segment, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            buffer.Write(segment, 0, result.Count);
            if (result.EndOfMessage) return JsonNode.Parse(Encoding.UTF8.GetString(buffer.ToArray()));
        }
    }

    private readonly SemaphoreSlim _sending = new(1, 1);

    private async Task SendAsync(JsonObject message)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            if (_socket.State == WebSocketState.Open) await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException) { }
        await _closing.CancelAsync();
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(5)); } catch (Exception) { /* best effort */ }
        _socket.Dispose();
    }

}
