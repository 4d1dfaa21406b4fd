using System.Text.Json.Serialization;

namespace Marketplace.Runtime.Transport;

internal enum FrameKind { Request = 1, Response = 2, Error = 3, Ping = 4, Pong = 5, StreamDelivery = 6 }

/// <summary>
/// What travels on a connection, one per length-prefixed frame: a System.Text.Json header and a JSON body. A request
/// carries the grain, the interface and method index (numbered alike in every process), each
/// argument serialized as its declared parameter type, the call chain, deadline and trace parent.
/// </summary>
internal sealed record WireFrame
{
    private const JsonIgnoreCondition SkipDefault = JsonIgnoreCondition.WhenWritingDefault;

    [JsonPropertyName("k")] public FrameKind Kind { get; init; }
    [JsonPropertyName("id"), JsonIgnore(Condition = SkipDefault)] public long CallId { get; init; }
    /// <summary>The silo incarnation the sender meant: a restarted silo refuses frames for its old generation.</summary>
    [JsonPropertyName("to"), JsonIgnore(Condition = SkipDefault)] public string? TargetSilo { get; init; }
    [JsonPropertyName("gt"), JsonIgnore(Condition = SkipDefault)] public string? GrainType { get; init; }
    [JsonPropertyName("gk"), JsonIgnore(Condition = SkipDefault)] public string? GrainKey { get; init; }
    [JsonPropertyName("i"), JsonIgnore(Condition = SkipDefault)] public string? Interface { get; init; }
    [JsonPropertyName("m"), JsonIgnore(Condition = SkipDefault)] public int Method { get; init; }
    [JsonPropertyName("c"), JsonIgnore(Condition = SkipDefault)] public GrainId[]? Chain { get; init; }
    [JsonPropertyName("d"), JsonIgnore(Condition = SkipDefault)] public long DeadlineUnixMs { get; init; }
    [JsonPropertyName("tp"), JsonIgnore(Condition = SkipDefault)] public string? TraceParent { get; init; }
    /// <summary>Times the request was forwarded because the receiver's view named another owner.</summary>
    [JsonPropertyName("h"), JsonIgnore(Condition = SkipDefault)] public int Hops { get; init; }
    [JsonPropertyName("ow"), JsonIgnore(Condition = SkipDefault)] public bool OneWay { get; init; }
    [JsonPropertyName("et"), JsonIgnore(Condition = SkipDefault)] public string? ErrorType { get; init; }
    [JsonPropertyName("em"), JsonIgnore(Condition = SkipDefault)] public string? ErrorMessage { get; init; }
    /// <summary>
    /// JSON after the header in the same frame: a request's arguments (an array, each as its declared
    /// parameter type), a response's result, a stream event's payload. Kept apart from the header so each
    /// value is serialized and parsed once, straight to and from its type.
    /// </summary>
    [JsonIgnore] public ReadOnlyMemory<byte> Body { get; init; }
    /// <summary>A stream event for a grain on the receiving silo: provider in <see cref="Interface"/>, payload in <see cref="Body"/>.</summary>
    [JsonPropertyName("sn"), JsonIgnore(Condition = SkipDefault)] public string? StreamNamespace { get; init; }
    [JsonPropertyName("sk"), JsonIgnore(Condition = SkipDefault)] public string? StreamKey { get; init; }
    [JsonPropertyName("sq"), JsonIgnore(Condition = SkipDefault)] public long Sequence { get; init; }
    [JsonPropertyName("hid"), JsonIgnore(Condition = SkipDefault)] public Guid HandleId { get; init; }
    [JsonPropertyName("imp"), JsonIgnore(Condition = SkipDefault)] public bool IsImplicit { get; init; }
    [JsonPropertyName("pt"), JsonIgnore(Condition = SkipDefault)] public string? PayloadType { get; init; }
}

/// <summary>Source-generated (de)serialization of frame headers: no reflection on the hot path.</summary>
[JsonSerializable(typeof(WireFrame))]
internal sealed partial class WireFrameContext : JsonSerializerContext;
