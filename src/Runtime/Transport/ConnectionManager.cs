using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Messaging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// Outbound connections, one per remote silo incarnation, reused by every call to it. A silo the
/// view declares dead is refused at once and its connection closed, so its callers fail fast.
/// </summary>
internal sealed class ConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Task<Connection>> _connections = new();
    private readonly WireCodec _codec;
    private readonly ClusterMembershipView _view;
    private readonly ClusterOptions _options;
    private readonly ILogger<ConnectionManager> _logger;
    private readonly Func<SiloAddress, Task<Connection>> _connect;
    private volatile bool _stopped;

    public ConnectionManager(WireCodec codec, ClusterMembershipView view, ResponseTracker tracker, IOptions<ClusterOptions> options, ILogger<ConnectionManager> logger)
    {
        _codec = codec;
        _view = view;
        _options = options.Value;
        _logger = logger;
        _connect = ConnectAsync;
        view.Changed += CloseDead;
        // Calls sent on a connection are held there alone; the tracker's sweep expires them on time.
        tracker.AddSweep(ForgetExpired);
    }

    public IEnumerable<Connection> Open =>
        _connections.Values.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).Where(c => !c.IsClosed);

    public Task<Connection> GetAsync(SiloAddress silo)
    {
        // Every remote call comes here: an open connection is the answer (a silo declared dead has none,
        // CloseDead removed it when the view changed).
        if (_connections.TryGetValue(silo, out var open) && open.IsCompletedSuccessfully && !open.Result.IsClosed && !_stopped) return open;
        if (_stopped) return Task.FromException<Connection>(new SiloUnavailableException("This process's transport is stopped."));
        if (_view.Current.IsDead(silo)) return Task.FromException<Connection>(new SiloUnavailableException($"Silo {silo} is dead."));
        while (true)
        {
            var task = _connections.GetOrAdd(silo, _connect);
            if (!task.IsCompleted || (task.IsCompletedSuccessfully && !task.Result.IsClosed)) return task;
            // A failed attempt or closed connection: drop it and connect again (once per caller).
            _connections.TryRemove(KeyValuePair.Create(silo, task));
            if (task.IsFaulted) return task;
        }
    }

    private async Task<Connection> ConnectAsync(SiloAddress silo)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        // A synchronous connect: an async one would register the socket with the socket engine, whose thread
        // would then wake for every read the connection's own thread does (see Connection). On a thread of
        // its own, since connecting to an unreachable host blocks until the kernel gives up (minutes).
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                socket.Connect(silo.Host, silo.Port);
                connected.TrySetResult();
            }
            catch (Exception exception)
            {
                connected.TrySetException(exception);
            }
        }) { IsBackground = true, Name = $"Transport connect {silo}" }.Start();
        var connecting = connected.Task;
        try
        {
            await connecting.WaitAsync(_options.ConnectTimeout);
        }
        catch (Exception exception)
        {
            socket.Dispose();
            _ = connecting.ContinueWith(static t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            _connections.TryRemove(silo, out _);
            throw new SiloUnavailableException($"Cannot connect to silo {silo}: {exception.Message}", exception);
        }
        var connection = new Connection(socket, silo.ToString(), _options.SendQueueLimit, onRequest: null, _logger, peerSilo: silo);
        connection.Start();
        _ = connection.Closed.ContinueWith(_ => _connections.TryRemove(silo, out var _), TaskScheduler.Default);
        return connection;
    }

    private void CloseDead(ClusterMembershipView.Snapshot snapshot)
    {
        foreach (var (silo, task) in _connections)
        {
            if (!snapshot.IsDead(silo)) continue;
            _connections.TryRemove(silo, out _);
            if (task.IsCompletedSuccessfully) task.Result.Close(new SiloUnavailableException($"Silo {silo} was declared dead."));
        }
    }

    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var connection in Open) connection.ForgetExpired(now);
    }

    /// <summary>Closes every connection; later sends fail at once.</summary>
    public void Stop()
    {
        _stopped = true;
        foreach (var task in _connections.Values)
            if (task.IsCompletedSuccessfully) task.Result.Close(null);
        _connections.Clear();
    }

    public ValueTask DisposeAsync()
    {
        _view.Changed -= CloseDead;
        Stop();
        return ValueTask.CompletedTask;
    }
}
