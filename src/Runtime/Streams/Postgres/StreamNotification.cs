using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Runtime.Streams.Postgres;

/// <summary>
/// The NOTIFY message that announces an enqueued event to cluster clients: stream, sequence and,
/// when it fits PostgreSQL's 8000-byte payload limit, the event itself (else the client reads the row).
/// </summary>
internal sealed record StreamNotification(
    [property: JsonPropertyName("p")] string Provider,
    [property: JsonPropertyName("n")] string Namespace,
    [property: JsonPropertyName("k")] string Key,
    [property: JsonPropertyName("s")] long Sequence,
    [property: JsonPropertyName("t")] string? PayloadType,
    [property: JsonPropertyName("d")] string? Payload)
{
    public const string Channel = "marketplace_stream_events";

    // PostgreSQL refuses payloads of 8000 bytes or more; keep a margin for the JSON envelope.
    private const int MaxBytes = 7800;

    public StreamId StreamId => new(Namespace, Key);

    /// <summary>
    /// What to put in the notification: type and payload when they fit, else neither; null when even the
    /// stream id does not fit (such a stream is not announced). .NET's JSON escaping is an upper bound of PostgreSQL's.
    /// </summary>
    public static (string? Type, string? Payload)? Fit(string provider, StreamId streamId, string payloadType, string payload)
    {
        var envelope = Escaped(provider) + Escaped(streamId.Namespace) + Escaped(streamId.Key) + 100;
        if (envelope > MaxBytes) return null;
        return envelope + Escaped(payloadType) + Escaped(payload) <= MaxBytes ? (payloadType, payload) : (null, null);
    }

    public static StreamNotification? Parse(string message)
    {
        try
        {
            return JsonSerializer.Deserialize<StreamNotification>(message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int Escaped(string text) => Encoding.UTF8.GetByteCount(text) <= 64 && text.All(c => c is >= ' ' and < '\x7f' and not '"' and not '\\')
        ? text.Length
        : JsonEncodedText.Encode(text).EncodedUtf8Bytes.Length;
}
