using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.References;
using Marketplace.Runtime.Transport.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// Grain requests, results, errors and stream payloads to and from frames (<see cref="WireFormat"/>),
/// straight into the frame's buffer and straight out of the connection's. Values go through the one
/// serializer, <see cref="WireSerializer"/>: each argument as its declared parameter type, each result as
/// the method's result type, through codecs resolved once per method. Grain references travel as
/// (type, key) through <see cref="GrainReferenceJsonConverter"/>; records as themselves.
/// </summary>
internal sealed class WireCodec(IServiceProvider services)
{
    private readonly ConcurrentDictionary<GrainMethod, MethodShape> _shapes = new();
    private readonly JsonWriterPool _writers = new();
    private readonly Utf8Names<GrainInterfaceMetadata> _interfaces = new();
    private readonly Utf8Names<string> _grainTypes = new();
    private JsonSerializerOptions? _options;
    private WireSerializer? _serializer;
    private WireValueCodec<RemoteError>? _errors;

    /// <summary>Built on first use: the reference converter needs the grain factory, which needs the transport.</summary>
    public JsonSerializerOptions Options => _options ??= CreateOptions();

    private JsonSerializerOptions CreateOptions()
    {
        var options = GrainStateSerializer.CreateDefaultOptions();
        options.Converters.Add(services.GetRequiredService<GrainReferenceJsonConverter>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private WireSerializer Serializer => _serializer ??= new WireSerializer(() => Options, _writers);

    private WireValueCodec<RemoteError> Errors => _errors ??= Serializer.Get<RemoteError>();

    /// <summary>Contracts of a method's parameters and result, resolved on its first call.</summary>
    public MethodShape ShapeOf(GrainMethod method) => _shapes.TryGetValue(method, out var shape) ? shape : _shapes.GetOrAdd(method, CreateShape);

    private MethodShape CreateShape(GrainMethod method)
    {
        var parameters = method.Method.GetParameters().Select(p => Serializer.Get(p.ParameterType)).ToArray();
        var returnType = method.Method.ReturnType;
        var resultType = returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(object);
        var result = (ResultCodec)Activator.CreateInstance(typeof(ResultCodec<>).MakeGenericType(resultType), Serializer.Get(resultType), this)!;
        return new MethodShape(parameters, result, Encoding.UTF8.GetBytes(method.InterfaceType.FullName ?? method.InterfaceType.Name));
    }

    /// <param name="viewVersion">The membership version the sender placed the grain with: a receiver on the same version skips placing it again.</param>
    public FrameWriter EncodeRequest(GrainMessage message, Connection connection, long callId, int hops, bool oneWay, long viewVersion)
    {
        var shape = ShapeOf(message.Method);
        var parameters = shape.Parameters;
        var frame = new FrameWriter(FrameKind.Request, callId);
        try
        {
            var trace = message.TraceParent;
            var hasTrace = trace != default;
            frame.WriteByte((byte)((oneWay ? WireFormat.OneWayFlag : 0) | (hasTrace ? WireFormat.TraceParentFlag : 0)));
            frame.WriteUtf8(connection.PeerSiloUtf8);
            frame.WriteByte(checked((byte)hops));
            frame.WriteInt64(viewVersion);
            frame.WriteInt64(message.Deadline.ToUnixTimeMilliseconds());
            frame.WriteInt32(message.Method.MethodIndex);
            frame.WriteString(message.Target.Type);
            frame.WriteString(message.Target.Key);
            frame.WriteUtf8(shape.InterfaceUtf8);
            WriteChain(frame, message.CallChain);
            if (hasTrace)
            {
                trace.TraceId.CopyTo(frame.GetSpan(16)[..16]);
                frame.Advance(16);
                trace.SpanId.CopyTo(frame.GetSpan(8)[..8]);
                frame.Advance(8);
                frame.WriteByte((byte)trace.TraceFlags);
            }
            var arguments = message.Arguments;
            if (arguments.Length != parameters.Length)
                throw new ArgumentException($"{message.Method.Name} takes {parameters.Length} arguments but was given {arguments.Length}.");
            frame.WriteInt32(arguments.Length);
            for (var i = 0; i < arguments.Length; i++) parameters[i].WriteBoxed(frame, arguments[i]);
            return frame.Complete();
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    /// <summary>Newest caller first, as the chain is linked; the reader rebuilds it in order.</summary>
    private static void WriteChain(FrameWriter frame, CallChain? chain)
    {
        var count = 0;
        for (var node = chain; node is not null; node = node.Caller) count++;
        frame.WriteInt32(count);
        for (var node = chain; node is not null; node = node.Caller)
        {
            frame.WriteString(node.Grain.Type);
            frame.WriteString(node.Grain.Key);
        }
    }

    /// <summary>Reads a request after its flags and target silo; the arguments are deserialized here, from the connection's buffer.</summary>
    public GrainMessage DecodeRequest(ref FrameReader reader, byte flags, GrainTypeRegistry registry, out int hops, out long viewVersion)
    {
        hops = reader.ReadByte();
        viewVersion = reader.ReadInt64();
        var deadline = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
        var methodIndex = reader.ReadInt32();
        // Types this silo hosts are kept and shared; any other name is read as is (the dispatcher reports it).
        var grainTypeUtf8 = reader.ReadUtf8(out _);
        var grainType = _grainTypes.Get(grainTypeUtf8, static (name, r) => r.TryGetClass(name, out _) ? name : null, registry)
            ?? Encoding.UTF8.GetString(grainTypeUtf8);
        var grainKey = reader.ReadString() ?? throw new InvalidDataException("The request has no grain key.");
        var interfaceUtf8 = reader.ReadUtf8(out _);
        var metadata = _interfaces.Get(interfaceUtf8, static (name, r) => FindInterface(name, r), registry)
            ?? throw new GrainTypeNotFoundException($"No grain class on this silo implements {Encoding.UTF8.GetString(interfaceUtf8)}.");
        if (methodIndex < 0 || methodIndex >= metadata.Methods.Count)
            throw new InvalidOperationException($"Method index {methodIndex} is out of range for {metadata.InterfaceType.Name}: the silos run different versions of it.");
        var method = metadata.Methods[methodIndex];
        var chain = ReadChain(ref reader);
        var traceParent = default(ActivityContext);
        if ((flags & WireFormat.TraceParentFlag) != 0)
        {
            var traceId = ActivityTraceId.CreateFromBytes(reader.ReadSpan(16));
            var spanId = ActivitySpanId.CreateFromBytes(reader.ReadSpan(8));
            traceParent = new ActivityContext(traceId, spanId, (ActivityTraceFlags)reader.ReadByte(), isRemote: true);
        }

        var parameters = ShapeOf(method).Parameters;
        var count = reader.ReadInt32();
        if (count != parameters.Length)
            throw new InvalidOperationException($"{method.Name} takes {parameters.Length} arguments but the request carries {count}.");
        var arguments = count == 0 ? [] : new object?[count];
        for (var i = 0; i < count; i++) arguments[i] = parameters[i].ReadBoxed(ref reader);
        if (reader.Rest.Length > 0)
            throw new InvalidDataException($"The arguments of {method.Name} left {reader.Rest.Length} bytes unread: the silos run different versions of its types.");
        return new GrainMessage(new GrainId(grainType, grainKey), method, arguments, chain, deadline, traceParent);
    }

    private static CallChain? ReadChain(ref FrameReader reader)
    {
        var count = reader.ReadInt32();
        if (count == 0) return null;
        if (count < 0 || count > reader.Rest.Length / 8) throw new InvalidDataException($"The request's call chain of {count} grains is corrupt.");
        var newestFirst = new GrainId[count];
        for (var i = 0; i < count; i++) newestFirst[i] = new GrainId(reader.ReadRequiredString("chain grain type"), reader.ReadRequiredString("chain grain key"));
        CallChain? chain = null;
        for (var i = count - 1; i >= 0; i--) chain = CallChain.Append(chain, newestFirst[i]);
        return chain;
    }

    private static GrainInterfaceMetadata? FindInterface(string name, GrainTypeRegistry registry)
    {
        var type = registry.Classes
            .SelectMany(c => c.GrainInterfaces.Concat(c.GrainInterfaces.SelectMany(i => i.GetInterfaces())))
            .FirstOrDefault(i => i.FullName == name);
        return type is null ? null : registry.GetInterface(type);
    }

    /// <summary>A probe (flags 0) or its answer.</summary>
    public static FrameWriter EncodePing(Connection connection, long callId)
    {
        var frame = new FrameWriter(FrameKind.Ping, callId);
        frame.WriteByte(0);
        frame.WriteUtf8(connection.PeerSiloUtf8);
        return frame.Complete();
    }

    public static FrameWriter EncodePong(long callId) => new FrameWriter(FrameKind.Pong, callId).Complete();

    /// <summary>An empty response: a stream delivery went through.</summary>
    public static FrameWriter EncodeAcknowledgement(long callId) => new FrameWriter(FrameKind.Response, callId).Complete();

    /// <summary>A value of a declared type as a whole frame body (results, errors).</summary>
    public static FrameWriter EncodeValue<T>(FrameWriter frame, T value, WireValueCodec<T> codec)
    {
        try
        {
            codec.Write(frame, value);
            return frame.Complete();
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    /// <summary>Reads a whole frame body written by <see cref="EncodeValue{T}"/>.</summary>
    public static T DecodeValue<T>(ReadOnlySpan<byte> body, WireValueCodec<T> codec)
    {
        var reader = new FrameReader(body);
        var value = codec.Read(ref reader);
        if (reader.Rest.Length > 0)
            throw new InvalidDataException($"A {typeof(T).Name} left {reader.Rest.Length} bytes unread: the silos run different versions of it.");
        return value;
    }

    public FrameWriter EncodeStreamDelivery(Connection connection, long callId, StreamDeliveryHeader header, object payload)
    {
        var frame = new FrameWriter(FrameKind.StreamDelivery, callId);
        try
        {
            frame.WriteByte(header.IsImplicit ? WireFormat.ImplicitFlag : (byte)0);
            frame.WriteUtf8(connection.PeerSiloUtf8);
            frame.WriteInt64(header.Sequence);
            frame.WriteGuid(header.HandleId);
            frame.WriteString(header.Provider);
            frame.WriteString(header.Grain.Type);
            frame.WriteString(header.Grain.Key);
            frame.WriteString(header.StreamNamespace);
            frame.WriteString(header.StreamKey);
            frame.WriteString(payload.GetType().AssemblyQualifiedName);
            Serializer.Get(payload.GetType()).WriteBoxed(frame, payload);
            return frame.Complete();
        }
        catch
        {
            frame.Release();
            throw;
        }
    }

    /// <summary>Reads a stream delivery after its flags and target silo. The payload is copied: delivery is asynchronous.</summary>
    public (StreamDeliveryHeader Header, string PayloadType, byte[] Payload) DecodeStreamDelivery(ref FrameReader reader, byte flags)
    {
        var sequence = reader.ReadInt64();
        var handleId = reader.ReadGuid();
        var header = new StreamDeliveryHeader(
            reader.ReadRequiredString("stream provider"),
            new GrainId(reader.ReadRequiredString("grain type"), reader.ReadRequiredString("grain key")),
            handleId,
            (flags & WireFormat.ImplicitFlag) != 0,
            reader.ReadRequiredString("stream namespace"),
            reader.ReadRequiredString("stream key"),
            sequence);
        var payloadType = reader.ReadRequiredString("payload type");
        return (header, payloadType, reader.Rest.ToArray());
    }

    public object? DecodePayload(ReadOnlySpan<byte> payload, Type type)
    {
        var reader = new FrameReader(payload);
        return Serializer.Get(type).ReadBoxed(ref reader);
    }

    public FrameWriter EncodeError(long callId, Exception exception) =>
        EncodeValue(new FrameWriter(FrameKind.Error, callId), new RemoteError(exception.GetType().FullName ?? "", exception.Message), Errors);

    /// <summary>
    /// Rebuilds the callee's exception where this process knows its type (so callers can catch
    /// ArgumentException, InconsistentStateException, ...), else a <see cref="RemoteGrainException"/>.
    /// Only exception types with a (string) constructor are rebuilt.
    /// </summary>
    public Exception DecodeError(ReadOnlySpan<byte> body)
    {
        RemoteError? error;
        try
        {
            error = DecodeValue(body, Errors);
        }
        catch (InvalidDataException exception)
        {
            return new RemoteGrainException("", $"The remote call failed and its error could not be read: {exception.Message}");
        }
        var typeName = error?.Type ?? "";
        var message = error?.Message ?? "The remote call failed.";
        if (typeName == typeof(SiloUnavailableException).FullName) return new SiloUnavailableException(message);
        if (typeName == typeof(InconsistentStateException).FullName) return new InconsistentStateException(message, null, null);
        if (typeName == typeof(DeadlockException).FullName) return new DeadlockException(message, []);
        if (typeName == typeof(GrainTypeNotFoundException).FullName) return new GrainTypeNotFoundException(message);
        var type = KnownExceptionType(typeName);
        if (type?.GetConstructor([typeof(string)]) is { } constructor)
        {
            try { return (Exception)constructor.Invoke([message]); }
            catch (TargetInvocationException) { }
        }
        return new RemoteGrainException(typeName, message);
    }

    private static Type? KnownExceptionType(string typeName)
    {
        if (typeName.Length == 0) return null;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.IsDynamic) continue;
            var type = assembly.GetType(typeName, throwOnError: false);
            if (type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract) return type;
        }
        return null;
    }
}
