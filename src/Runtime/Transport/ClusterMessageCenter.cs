using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Cluster.Membership;
using Marketplace.Runtime.Cluster.Placement;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Streams;
using Marketplace.Runtime.Streams.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// Routes every grain call by the placement of the membership view: to this silo's dispatcher
/// without serialization when it owns the grain, else over the owner's connection. On silos it
/// also receives remote requests; a request that reached a silo whose view names another owner
/// is forwarded once (views converge within a probe interval), then served where it is.
/// </summary>
internal sealed class ClusterMessageCenter(
    IServiceProvider services,
    ClusterPlacement placement,
    ClusterMembershipView view,
    LocalSiloIdentity local,
    ConnectionManager connections,
    ResponseTracker tracker,
    WireCodec codec,
    TimeProvider time,
    ILogger<ClusterMessageCenter> logger) : IMessageCenter
{
    private const int MaxForwards = 1;
    private IRequestDispatcher? _dispatcher;
    private GrainTypeRegistry? _registry;
    private EncodedSilo? _identity;

    private IRequestDispatcher Dispatcher => _dispatcher ??= services.GetRequiredService<IRequestDispatcher>();
    private GrainTypeRegistry Registry => _registry ??= services.GetRequiredService<GrainTypeRegistry>();

    /// <summary>Set when the silo is killed (tests) or stops: nothing is sent or served any more.</summary>
    public bool Stopped { get; set; }

    public void SendRequest(GrainMessage message, IResponseSink? response) => Route(message, response, hops: 0);

    private void Route(GrainMessage message, IResponseSink? response, int hops)
    {
        if (Stopped)
        {
            response?.SetException(new SiloUnavailableException("This process has left the cluster."));
            return;
        }
        var snapshot = view.Current;
        var owner = placement.GetOwner(message.Target, snapshot);
        if (owner is null)
        {
            response?.SetException(new SiloUnavailableException($"No active silo can host {message.Target}: the cluster view is empty."));
            return;
        }
        if (owner == local.Silo)
        {
            tracker.Track(response);
            Dispatcher.Dispatch(message, response);
            return;
        }
        // The owner was computed with this very snapshot, so its version can travel with the request.
        var viewVersion = snapshot.Version;
        var connecting = connections.GetAsync(owner);
        if (connecting.IsCompletedSuccessfully) Send(connecting.Result, message, response, hops, viewVersion);
        else
        {
            // Until a connection holds the call, the tracker times it out (a connect can hang for minutes).
            tracker.Track(response);
            _ = SendWhenConnectedAsync(connecting, message, response, hops, viewVersion);
        }
    }

    private async Task SendWhenConnectedAsync(Task<Connection> connecting, GrainMessage message, IResponseSink? response, int hops, long viewVersion)
    {
        Connection connection;
        try
        {
            connection = await connecting;
        }
        catch (Exception exception)
        {
            response?.SetException(exception as SiloUnavailableException ?? new SiloUnavailableException(exception.Message, exception));
            return;
        }
        Send(connection, message, response, hops, viewVersion);
    }

    private void Send(Connection connection, GrainMessage message, IResponseSink? response, int hops, long viewVersion)
    {
        long callId = 0;
        ValueTask sending;
        try
        {
            if (response is not null)
            {
                var shape = codec.ShapeOf(message.Method);
                if (!connection.TryTrack(new RemoteGrainCall(message, response, shape.Result, codec), out callId)) return;
                tracker.Forget(response);
            }
            sending = connection.SendAsync(codec.EncodeRequest(message, connection, callId, hops, oneWay: response is null, viewVersion));
        }
        catch (Exception exception)
        {
            // Serialization of an argument failed: nothing was sent.
            if (response is not null) connection.Untrack(callId);
            response?.SetException(exception);
            return;
        }
        if (!sending.IsCompletedSuccessfully) _ = ObserveAsync(sending, response);
    }

    private static async Task ObserveAsync(ValueTask sending, IResponseSink? response)
    {
        try { await sending; }
        catch (Exception exception) { response?.SetException(exception); }
    }

    /// <summary>Sends a probe to <paramref name="silo"/>; true when it answered as that very incarnation in time.</summary>
    public async Task<bool> PingAsync(SiloAddress silo, TimeSpan timeout)
    {
        try
        {
            var connection = await connections.GetAsync(silo).WaitAsync(timeout);
            var ping = new PingCall(time.GetUtcNow() + timeout);
            if (!connection.TryTrack(ping, out var callId)) return false;
            await connection.SendAsync(WireCodec.EncodePing(connection, callId));
            return await ping.Task.WaitAsync(timeout);
        }
        catch (Exception exception) when (exception is SiloUnavailableException or TimeoutException or OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Sends a stream event to the silo that hosts the subscribing grain; null when it was delivered.</summary>
    public async Task<Exception?> DeliverStreamEventAsync(string providerName, GrainId grainId, Guid handleId, bool isImplicit, QueuedStreamEvent streamEvent)
    {
        var owner = placement.GetOwner(grainId);
        if (owner is null || owner == local.Silo) return new SiloUnavailableException($"{grainId} has no remote owner in the current view.");
        Connection? connection = null;
        long callId = 0;
        try
        {
            connection = await connections.GetAsync(owner);
            var call = new DeliveryCall(time.GetUtcNow() + ResponseTimeout, codec);
            if (!connection.TryTrack(call, out callId)) return await call.Task;
            var header = new StreamDeliveryHeader(providerName, grainId, handleId, isImplicit,
                streamEvent.StreamId.Namespace, streamEvent.StreamId.Key, streamEvent.Token.SequenceNumber);
            await connection.SendAsync(codec.EncodeStreamDelivery(connection, callId, header, streamEvent.Payload));
            return await call.Task.WaitAsync(ResponseTimeout);
        }
        catch (Exception exception)
        {
            connection?.Untrack(callId);
            return exception;
        }
    }

    private TimeSpan ResponseTimeout => tracker.ResponseTimeout;

    private async Task DeliverStreamEventAsync(Connection connection, long callId, StreamDeliveryHeader header, string payloadType, byte[] payloadBytes)
    {
        Exception? failure;
        try
        {
            var provider = services.GetKeyedService<IStreamProvider>(header.Provider) as QueueStreamProvider
                ?? throw new InvalidOperationException($"No queue stream provider named '{header.Provider}' on this silo.");
            var payload = codec.DecodePayload(payloadBytes, Type.GetType(payloadType, throwOnError: true)!)
                ?? throw new InvalidOperationException("The stream event has no payload.");
            var streamEvent = new QueuedStreamEvent(new StreamId(header.StreamNamespace, header.StreamKey), payload, new StreamSequenceToken(header.Sequence));
            failure = await provider.DeliverToLocalGrainAsync(header.Grain, header.HandleId, streamEvent, header.IsImplicit);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        var reply = failure is null ? WireCodec.EncodeAcknowledgement(callId) : codec.EncodeError(callId, failure);
        try { await connection.SendAsync(reply); }
        catch (SiloUnavailableException) { /* the sender already failed the delivery and will redeliver */ }
    }

    /// <summary>A request, probe or stream event that arrived on an inbound connection (decoded here, in the connection's buffer).</summary>
    public ValueTask OnInboundAsync(Connection connection, FrameKind kind, long callId, ReadOnlySpan<byte> body)
    {
        var reader = new FrameReader(body);
        var flags = reader.ReadByte();
        var target = reader.ReadUtf8(out _);
        var oneWay = kind == FrameKind.Request && (flags & WireFormat.OneWayFlag) != 0;
        if (Stopped || !IsThisSilo(target))
        {
            // Meant for an earlier incarnation of this endpoint (or we are going away): that silo is gone.
            if (oneWay) return ValueTask.CompletedTask;
            return connection.SendAsync(codec.EncodeError(callId, new SiloUnavailableException(
                $"Silo {System.Text.Encoding.UTF8.GetString(target)} is not running here (this is {local.Silo?.ToString() ?? "no silo"}).")));
        }
        switch (kind)
        {
            case FrameKind.Ping:
                return connection.SendAsync(WireCodec.EncodePong(callId));
            case FrameKind.StreamDelivery:
                var (header, payloadType, payload) = codec.DecodeStreamDelivery(ref reader, flags);
                _ = DeliverStreamEventAsync(connection, callId, header, payloadType, payload);
                return ValueTask.CompletedTask;
        }

        GrainMessage message;
        int hops;
        long senderViewVersion;
        try
        {
            message = codec.DecodeRequest(ref reader, flags, Registry, out hops, out senderViewVersion);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Rejected a request from {Remote}", connection.Remote);
            return oneWay ? ValueTask.CompletedTask : connection.SendAsync(codec.EncodeError(callId, exception));
        }
        var sink = oneWay ? null : codec.ShapeOf(message.Method).Result.CreateSink(connection, callId);
        // The sender placed the grain here with its view; the same view version places it alike, so only
        // a different one needs placing again (and maybe forwarding).
        if (hops < MaxForwards && !SameView(senderViewVersion) && placement.GetOwner(message.Target) is { } owner && owner != local.Silo)
            Route(message, sink, hops + 1);
        else
            Dispatcher.Dispatch(message, sink);
        return ValueTask.CompletedTask;
    }

    private bool SameView(long senderViewVersion) => senderViewVersion > 0 && senderViewVersion == view.Current.Version;

    /// <summary>This silo's identity as UTF-8, encoded again only when the silo (re)starts under a new one.</summary>
    private bool IsThisSilo(ReadOnlySpan<byte> target)
    {
        var self = local.Silo;
        if (self is null) return false;
        var identity = _identity;
        if (identity is null || !ReferenceEquals(identity.Silo, self))
            _identity = identity = new EncodedSilo(self, System.Text.Encoding.UTF8.GetBytes(self.ToString()));
        return target.SequenceEqual(identity.Utf8);
    }

    private sealed record EncodedSilo(SiloAddress Silo, byte[] Utf8);
}
