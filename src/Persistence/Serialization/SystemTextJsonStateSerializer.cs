using System.Text.Json;
using Orleans.Storage;

namespace Marketplace.Persistence.Serialization;

/// <summary>Grain state as UTF-8 JSON (System.Text.Json), for every storage provider we configure.</summary>
/// <remarks>
/// Orleans' default state format is its binary serializer, which ties stored bytes to type aliases and
/// field ids; JSON keeps rows readable and queryable in the database (jsonb on PostgreSQL) and survives
/// class renames (see <see cref="StateJson"/>).
/// </remarks>
public sealed class SystemTextJsonStateSerializer(JsonSerializerOptions options) : IGrainStorageSerializer
{
    /// <summary>A serializer with <see cref="StateJson.CreateOptions"/>.</summary>
    public SystemTextJsonStateSerializer() : this(StateJson.CreateOptions())
    {
    }

    /// <summary>The settings in use.</summary>
    public JsonSerializerOptions Options { get; } = options;

    /// <inheritdoc />
    public BinaryData Serialize<T>(T? input) => new(JsonSerializer.SerializeToUtf8Bytes(input, Options));

    /// <inheritdoc />
    public T Deserialize<T>(BinaryData input) => JsonSerializer.Deserialize<T>(input.ToMemory().Span, Options)!;
}
