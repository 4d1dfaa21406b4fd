using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Encodings.Web;

namespace Marketplace.GraphQL.Execution;

/// <summary>Writes result values (as produced by execution and scalar serializers) as JSON.</summary>
public static class JsonResultWriter
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        // Execution results first: they are what almost every call writes.
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case ResultMap map: WriteMap(writer, map); break;
            case ResultList list:
                writer.WriteStartArray();
                for (var i = 0; i < list.Count; i++) WriteValue(writer, list[i]);
                writer.WriteEndArray();
                break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case float f: writer.WriteNumberValue(f); break;
            case short or byte or sbyte or ushort or uint: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case object?[] array:
                writer.WriteStartArray();
                foreach (var item in array) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case JsonElement element: element.WriteTo(writer); break;
            case JsonDocument document: document.RootElement.WriteTo(writer); break;
            case Guid g: writer.WriteStringValue(g); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto); break;
            case DateTime dt: writer.WriteStringValue(dt); break;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var (key, item) in dict)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    WriteValue(writer, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable) WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, ResultMap map)
    {
        writer.WriteStartObject();
        var count = map.Count;
        var encoded = map.EncodedKeys;
        for (var i = 0; i < count; i++)
        {
            writer.WritePropertyName(encoded[i]);
            WriteValue(writer, map.ValueAt(i));
        }

        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message", error.Message);
        if (error.Locations is not null)
        {
            writer.WritePropertyName("locations");
            writer.WriteStartArray();
            foreach (var location in error.Locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", location.Line);
                writer.WriteNumber("column", location.Column);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        if (error.Path is not null)
        {
            writer.WritePropertyName("path");
            writer.WriteStartArray();
            foreach (var segment in error.Path)
            {
                if (segment is int index) writer.WriteNumberValue(index);
                else writer.WriteStringValue(segment.ToString());
            }

            writer.WriteEndArray();
        }

        if (error.Extensions is not null)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, error.Extensions);
        }

        writer.WriteEndObject();
    }
}
