using System.Text.Json;
using System.Text.Json.Serialization;

namespace Marketplace.Runtime.References;

/// <summary>
/// Lets grain references live in grain state and records stored as JSON: a reference is written as
/// {"type": grain type, "key": key} and read back as a reference of the declared interface.
/// Add it to the JsonSerializerOptions of a store (it is registered in DI by the silo).
/// </summary>
public sealed class GrainReferenceJsonConverter(IGrainFactory grainFactory) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IGrain).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ReferenceConverter<>).MakeGenericType(typeToConvert), grainFactory)!;

    private sealed class ReferenceConverter<TGrain>(IGrainFactory grainFactory) : JsonConverter<TGrain> where TGrain : class, IGrain
    {
        public override TGrain? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException($"A {typeof(TGrain).Name} reference must be an object with type and key.");
            string? type = null, key = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var property = reader.GetString();
                reader.Read();
                switch (property)
                {
                    case "type": type = reader.GetString(); break;
                    case "key": key = reader.GetString(); break;
                    default: reader.Skip(); break;
                }
            }
            if (string.IsNullOrEmpty(type) || key is null) throw new JsonException($"A {typeof(TGrain).Name} reference needs both type and key.");
            var grainId = new GrainId(type, key);
            return grainFactory is GrainFactory factory
                ? (TGrain)factory.GetGrain(typeof(TGrain), grainId)
                : throw new JsonException("Grain references can only be read with the silo's grain factory.");
        }

        public override void Write(Utf8JsonWriter writer, TGrain value, JsonSerializerOptions options)
        {
            var grainId = value.GetGrainId();
            writer.WriteStartObject();
            writer.WriteString("type", grainId.Type);
            writer.WriteString("key", grainId.Key);
            writer.WriteEndObject();
        }
    }
}
