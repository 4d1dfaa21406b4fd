using Marketplace.Runtime.Cluster;
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
    LocalSiloIdentity local,
    ConnectionManager connections,
    WireCodec codec,
    TimeProvider time,
    ILogger<ClusterMessageCenter> logger) : IMessageCenter
{
    private const int MaxForwards = 1;
    private IRequestDispatcher? _dispatcher;
    private GrainTypeRegistry? _registry;

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
        var owner = placement.GetOwner(message.Target);
        if (owner is null)
        {
            response?.SetException(new SiloUnavailableException($"No active silo can host {message.Target}: the cluster view is empty."));
            return;
        }
        if (owner == local.Silo)
        {
            Dispatcher.Dispatch(message, response);
            return;
        }
        var connecting = connections.GetAsync(owner);
        if (connecting.IsCompletedSuccessfully) Send(connecting.Result, owner, message, response, hops);
        else _ = SendWhenConnectedAsync(connecting, owner, message, response, hops);
    }

    private async Task SendWhenConnectedAsync(Task<Connection> connecting, SiloAddress owner, GrainMessage message, IResponseSink? response, int hops)
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
        Send(connection, owner, message, response, hops);
    }

    private void Send(Connection connection, SiloAddress owner, GrainMessage message, IResponseSink? response, int hops)
    {
        ValueTask sending;
        try
        {
            var frame = codec.EncodeRequest(message, owner, hops, oneWay: response is null);
            sending = response is null ? connection.SendAsync(frame) : connection.SendCallAsync(frame, new RemoteGrainCall(message, response, codec));
        }
        catch (Exception exception)
        {
            // Serialization of an argument failed: nothing was sent.
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
            await connection.SendCallAsync(new WireFrame { Kind = FrameKind.Ping, TargetSilo = silo.ToString() }, ping);
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
        try
        {
            var connection = await connections.GetAsync(owner);
            var payloadType = streamEvent.Payload.GetType();
            var call = new DeliveryCall(time.GetUtcNow() + ResponseTimeout);
            await connection.SendCallAsync(new WireFrame
            {
                Kind = FrameKind.StreamDelivery,
                TargetSilo = owner.ToString(),
                Interface = providerName,
                GrainType = grainId.Type,
                GrainKey = grainId.Key,
                StreamNamespace = streamEvent.StreamId.Namespace,
                StreamKey = streamEvent.StreamId.Key,
                Sequence = streamEvent.Token.SequenceNumber,
                HandleId = handleId,
                IsImplicit = isImplicit,
                PayloadType = payloadType.AssemblyQualifiedName,
                Body = codec.EncodeResult(streamEvent.Payload, payloadType),
            }, call);
            return await call.Task.WaitAsync(ResponseTimeout);
        }
        catch (Exception exception)
        {
            return exception;
        }
    }

    private TimeSpan ResponseTimeout => services.GetRequiredService<ResponseTracker>().ResponseTimeout;

    private async Task DeliverStreamEventAsync(Connection connection, WireFrame frame)
    {
        Exception? failure;
        try
        {
            var provider = services.GetKeyedService<IStreamProvider>(frame.Interface) as QueueStreamProvider
                ?? throw new InvalidOperationException($"No queue stream provider named '{frame.Interface}' on this silo.");
            var payload = codec.DecodeResult(frame, Type.GetType(frame.PayloadType!, throwOnError: true)!)
                ?? throw new InvalidOperationException("The stream event has no payload.");
            var streamEvent = new QueuedStreamEvent(new StreamId(frame.StreamNamespace!, frame.StreamKey!), payload, new StreamSequenceToken(frame.Sequence));
            failure = await provider.DeliverToLocalGrainAsync(new GrainId(frame.GrainType!, frame.GrainKey!), frame.HandleId, streamEvent, frame.IsImplicit);
        }
        catch (Exception exception)
        {
            failure = exception;
        }
        var reply = failure is null ? new WireFrame { Kind = FrameKind.Response, CallId = frame.CallId } : WireCodec.EncodeError(frame.CallId, failure);
        try { await connection.SendAsync(reply); }
        catch (SiloUnavailableException) { /* the sender already failed the delivery and will redeliver */ }
    }

    /// <summary>A frame that arrived on an inbound connection.</summary>
    public ValueTask OnInboundAsync(Connection connection, WireFrame frame)
    {
        var self = local.Silo;
        if (Stopped || self is null || frame.TargetSilo != self.ToString())
        {
            // Meant for an earlier incarnation of this endpoint (or we are going away): that silo is gone.
            if (frame.Kind == FrameKind.Request && frame.OneWay) return ValueTask.CompletedTask;
            return connection.SendAsync(WireCodec.EncodeError(frame.CallId,
                new SiloUnavailableException($"Silo {frame.TargetSilo} is not running here (this is {self?.ToString() ?? "no silo"}).")));
        }
        if (frame.Kind == FrameKind.Ping) return connection.SendAsync(new WireFrame { Kind = FrameKind.Pong, CallId = frame.CallId });
        if (frame.Kind == FrameKind.StreamDelivery)
        {
            _ = DeliverStreamEventAsync(connection, frame);
            return ValueTask.CompletedTask;
        }

        GrainMessage message;
        try
        {
            message = codec.DecodeRequest(frame, Registry);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Rejected a request for {GrainType}/{GrainKey}", frame.GrainType, frame.GrainKey);
            return frame.OneWay ? ValueTask.CompletedTask : connection.SendAsync(WireCodec.EncodeError(frame.CallId, exception));
        }
        var sink = frame.OneWay ? null : RemoteResponseSink.Create(WireCodec.ResultTypeOf(message.Method), connection, frame.CallId, codec);
        if (frame.Hops < MaxForwards && placement.GetOwner(message.Target) is { } owner && owner != self)
            Route(message, sink, frame.Hops + 1);
        else
            Dispatcher.Dispatch(message, sink);
        return ValueTask.CompletedTask;
    }
}
