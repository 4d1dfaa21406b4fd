using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>
/// Types the binary layout does not model (polymorphic hierarchies, custom converters, grain references,
/// sets, BCL types such as Uri) travel as a length-prefixed System.Text.Json section, exactly as they would
/// be stored, so they keep every behaviour their JSON contract gives them.
/// </summary>
internal sealed class JsonFallbackCodec<T>(Func<JsonSerializerOptions> options, JsonWriterPool writers) : WireValueCodec<T>
{
    private JsonTypeInfo<T>? _typeInfo;

    private JsonTypeInfo<T> TypeInfo => _typeInfo ??= (JsonTypeInfo<T>)options().GetTypeInfo(typeof(T));

    public override void Write(FrameWriter writer, T value)
    {
        var section = writer.BeginSection();
        var json = writers.Rent(writer);
        try
        {
            JsonSerializer.Serialize(json, value, TypeInfo);
            json.Flush();
        }
        finally
        {
            writers.Return(json);
        }
        writer.EndSection(section);
    }

    public override T Read(ref FrameReader reader) => JsonSerializer.Deserialize(reader.ReadSection(), TypeInfo)!;
}
