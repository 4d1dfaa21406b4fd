using System.Text.Json;

namespace Marketplace.Runtime.Persistence;

/// <summary>
/// Turns states into JSON payloads and back. Payloads are text, so decimals keep every digit
/// and a corrupt payload is reported with the grain and state it belongs to.
/// </summary>
public sealed class GrainStateSerializer(JsonSerializerOptions? options = null)
{
    public static JsonSerializerOptions CreateDefaultOptions() => new(JsonSerializerDefaults.General);

    private readonly JsonSerializerOptions _options = options ?? CreateDefaultOptions();

    public string Serialize<TState>(TState state) => JsonSerializer.Serialize(state, _options);

    public TState Deserialize<TState>(string payload, GrainId grainId, string stateName)
    {
        try
        {
            var state = JsonSerializer.Deserialize<TState>(payload, _options);
            return state ?? throw Corrupt<TState>(grainId, stateName, "the payload is JSON null", null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            throw Corrupt<TState>(grainId, stateName, ex.Message, ex);
        }
    }

    private static GrainStateCorruptException Corrupt<TState>(GrainId grainId, string stateName, string reason, Exception? inner) =>
        new($"Stored state '{stateName}' of grain {grainId} cannot be read as {typeof(TState).Name}: {reason}", inner);
}
