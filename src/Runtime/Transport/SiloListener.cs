using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Marketplace.Runtime.Cluster;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Transport;

/// <summary>Accepts connections from other silos and clients and hands their requests to the message center.</summary>
internal sealed class SiloListener(IOptions<ClusterOptions> options, ILogger<SiloListener> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private Socket? _socket;
    private CancellationTokenSource? _stopping;

    /// <summary>The port actually bound (differs from the configured one when that is 0).</summary>
    public int Port { get; private set; }

    public void Start(InboundFrameHandler onRequest)
    {
        var settings = options.Value;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(new IPEndPoint(IPAddress.Parse(settings.ListenAddress), settings.SiloPort));
        socket.Listen(512);
        _socket = socket;
        Port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        _stopping = new CancellationTokenSource();
        _ = Task.Run(() => AcceptLoopAsync(socket, onRequest, settings.SendQueueLimit, _stopping.Token));
        logger.LogInformation("Silo transport listening on {Address}:{Port}", settings.ListenAddress, Port);
    }

    private async Task AcceptLoopAsync(Socket listener, InboundFrameHandler onRequest, int queueLimit, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket accepted;
            try
            {
                accepted = await listener.AcceptAsync(stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException exception)
            {
                logger.LogWarning(exception, "Accepting a connection failed");
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            var connection = new Connection(accepted, accepted.RemoteEndPoint?.ToString() ?? "client", queueLimit, onRequest, logger);
            _connections[connection] = 0;
            _ = connection.Closed.ContinueWith(_ => _connections.TryRemove(connection, out var _), TaskScheduler.Default);
            connection.Start();
        }
    }

    /// <summary>Stops listening and drops every inbound connection (their callers fail fast).</summary>
    public void Stop()
    {
        _stopping?.Cancel();
        _socket?.Dispose();
        _socket = null;
        foreach (var connection in _connections.Keys) connection.Close(null);
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }
}
