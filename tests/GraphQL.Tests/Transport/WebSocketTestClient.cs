using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Marketplace.GraphQL.Tests.Transport;

/// <summary>A raw graphql-transport-ws client for protocol tests; every wait has a generous deadline.</summary>
internal sealed class WebSocketTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly ClientWebSocket _socket = new();

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseDescription => _socket.CloseStatusDescription;

    public static async Task<WebSocketTestClient> ConnectAsync(Uri endpoint, string? subProtocol = "graphql-transport-ws")
    {
        var client = new WebSocketTestClient();
        if (subProtocol is not null) client._socket.Options.AddSubProtocol(subProtocol);
        using var timeout = new CancellationTokenSource(Deadline);
        await client._socket.ConnectAsync(endpoint, timeout.Token);
        return client;
    }

    public string? NegotiatedSubProtocol => _socket.SubProtocol;

    public Task SendAsync(object message) => SendRawAsync(JsonSerializer.Serialize(message));

    public async Task SendRawAsync(string text)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, timeout.Token);
    }

    /// <summary>Initialises with a token and expects connection_ack.</summary>
    public async Task InitAsync(string token = TransportTestServer.GoodToken)
    {
        await SendAsync(new { type = "connection_init", payload = new { authorization = token } });
        var ack = await ReceiveAsync();
        Assert.Equal("connection_ack", ack?.GetProperty("type").GetString());
    }

    /// <summary>The next message, or null when the server closed the socket.</summary>
    public async Task<JsonElement?> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) break;
        }

        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads until the server closes and returns the close code.</summary>
    public async Task<int> ReceiveCloseAsync()
    {
        while (await ReceiveAsync() is not null)
        {
        }

        return (int)_socket.CloseStatus!.Value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(Deadline);
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
            }
        }

        _socket.Dispose();
    }
}
