using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Messaging;
using Marketplace.Runtime.Metadata;
using Marketplace.Runtime.Persistence;
using Marketplace.Runtime.References;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// The one serializer of the transport: grain requests, results and errors to and from
/// <see cref="WireFrame"/>s with System.Text.Json. Grain references serialize as (type, key) through
/// <see cref="GrainReferenceJsonConverter"/>; records serialize as themselves.
/// </summary>
internal sealed class WireCodec(IServiceProvider services)
{
    private readonly ConcurrentDictionary<string, Type?> _interfaces = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<GrainMethod, MethodShape> Shapes = new();

    /// <summary>Parameter and result types of a method, looked up once (reflection copies arrays on every call).</summary>
    private sealed record MethodShape(Type[] Parameters, Type Result);

    private static MethodShape ShapeOf(GrainMethod method) => Shapes.GetValue(method, static m =>
    {
        var returnType = m.Method.ReturnType;
        return new MethodShape(m.Method.GetParameters().Select(p => p.ParameterType).ToArray(),
            returnType.IsGenericType ? returnType.GetGenericArguments()[0] : typeof(object));
    });
    private JsonSerializerOptions? _options;

    /// <summary>Built on first use: the reference converter needs the grain factory, which needs the transport.</summary>
    public JsonSerializerOptions Options => _options ??= CreateOptions();

    private JsonSerializerOptions CreateOptions()
    {
        var options = GrainStateSerializer.CreateDefaultOptions();
        options.Converters.Add(services.GetRequiredService<GrainReferenceJsonConverter>());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public WireFrame EncodeRequest(GrainMessage message, SiloAddress target, int hops, bool oneWay)
    {
        var parameters = ShapeOf(message.Method).Parameters;
        var body = WriteBody(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < message.Arguments.Length; i++)
                JsonSerializer.Serialize(writer, message.Arguments[i], parameters[i], Options);
            writer.WriteEndArray();
        });
        return new WireFrame
        {
            Kind = FrameKind.Request,
            TargetSilo = target.ToString(),
            GrainType = message.Target.Type,
            GrainKey = message.Target.Key,
            Interface = message.Method.InterfaceType.FullName,
            Method = message.Method.MethodIndex,
            Body = body,
            Chain = message.CallChain?.ToList().ToArray(),
            DeadlineUnixMs = message.Deadline.ToUnixTimeMilliseconds(),
            TraceParent = message.TraceParent == default ? null
                : $"00-{message.TraceParent.TraceId}-{message.TraceParent.SpanId}-{(int)message.TraceParent.TraceFlags:x2}",
            Hops = hops,
            OneWay = oneWay,
        };
    }

    public GrainMessage DecodeRequest(WireFrame frame, GrainTypeRegistry registry)
    {
        var interfaceType = ResolveInterface(frame.Interface, registry);
        var metadata = registry.GetInterface(interfaceType);
        if (frame.Method < 0 || frame.Method >= metadata.Methods.Count)
            throw new InvalidOperationException($"Method index {frame.Method} is out of range for {interfaceType.Name}: the silos run different versions of it.");
        var method = metadata.Methods[frame.Method];
        var parameters = ShapeOf(method).Parameters;
        var arguments = new object?[parameters.Length];
        var reader = new Utf8JsonReader(frame.Body.Span);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"The request for {method.Name} carries no argument array.");
        for (var i = 0; i < parameters.Length; i++)
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.EndArray)
                throw new InvalidOperationException($"{method.Name} takes {parameters.Length} arguments but the request carries {i}.");
            arguments[i] = JsonSerializer.Deserialize(ref reader, parameters[i], Options);
        }
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            throw new InvalidOperationException($"{method.Name} takes {parameters.Length} arguments but the request carries more.");

        CallChain? chain = null;
        foreach (var grain in frame.Chain ?? []) chain = CallChain.Append(chain, grain);
        ActivityContext.TryParse(frame.TraceParent, null, out var traceParent);
        return new GrainMessage(new GrainId(frame.GrainType!, frame.GrainKey!), method, arguments, chain,
            DateTimeOffset.FromUnixTimeMilliseconds(frame.DeadlineUnixMs), traceParent);
    }

    public static Type ResultTypeOf(GrainMethod method) => ShapeOf(method).Result;

    public byte[] EncodeResult(object? value, Type type) => WriteBody(writer => JsonSerializer.Serialize(writer, value, type, Options));

    public object? DecodeResult(WireFrame frame, Type type) =>
        frame.Body.IsEmpty ? null : JsonSerializer.Deserialize(frame.Body.Span, type, Options);

    private static byte[] WriteBody(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.WrittenSpan.ToArray();
    }

    public static WireFrame EncodeError(long callId, Exception exception) => new()
    {
        Kind = FrameKind.Error,
        CallId = callId,
        ErrorType = exception.GetType().FullName,
        ErrorMessage = exception.Message,
    };

    /// <summary>
    /// Rebuilds the callee's exception where this process knows its type (so callers can catch
    /// ArgumentException, InconsistentStateException, ...), else a <see cref="RemoteGrainException"/>.
    /// Only exception types with a (string) constructor are rebuilt.
    /// </summary>
    public static Exception DecodeError(WireFrame frame)
    {
        var typeName = frame.ErrorType ?? "";
        var message = frame.ErrorMessage ?? "The remote call failed.";
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

    private Type ResolveInterface(string? name, GrainTypeRegistry registry)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidOperationException("The request names no grain interface.");
        var type = _interfaces.GetOrAdd(name, static (n, r) => r.Classes
            .SelectMany(c => c.GrainInterfaces.Concat(c.GrainInterfaces.SelectMany(i => i.GetInterfaces())))
            .FirstOrDefault(i => i.FullName == n), registry);
        return type ?? throw new GrainTypeNotFoundException($"No grain class on this silo implements {name}.");
    }
}
