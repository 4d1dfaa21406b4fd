using System.Buffers;
using System.Text.Json;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// The response: data (absent for request errors), errors, extensions. Writes itself as JSON
/// straight to a <see cref="Utf8JsonWriter"/>.
/// </summary>
public sealed class ExecutionResult
{
    public ExecutionResult(IReadOnlyDictionary<string, object?>? data, bool hasData, IReadOnlyList<GraphQLError>? errors, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Data = data;
        HasData = hasData;
        Errors = errors is { Count: > 0 } ? errors : null;
        Extensions = extensions is { Count: > 0 } ? extensions : null;
    }

    /// <summary>The "data" object; null when data is null or absent (see <see cref="HasData"/>).</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; }
    /// <summary>False for request errors (syntax, validation, variables): "data" is then left out entirely.</summary>
    public bool HasData { get; }
    public IReadOnlyList<GraphQLError>? Errors { get; }
    public IReadOnlyDictionary<string, object?>? Extensions { get; }
    /// <summary>The request failed before execution started (GraphQL-over-HTTP answers 4xx for these).</summary>
    public bool IsRequestError => !HasData;

    public static ExecutionResult RequestError(params GraphQLError[] errors) => new(null, false, errors);
    public static ExecutionResult RequestError(IReadOnlyList<GraphQLError> errors) => new(null, false, errors);

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        if (Errors is not null)
        {
            writer.WritePropertyName("errors");
            writer.WriteStartArray();
            foreach (var error in Errors) JsonResultWriter.WriteError(writer, error);
            writer.WriteEndArray();
        }

        if (HasData)
        {
            writer.WritePropertyName("data");
            JsonResultWriter.WriteValue(writer, Data);
        }

        if (Extensions is not null)
        {
            writer.WritePropertyName("extensions");
            JsonResultWriter.WriteValue(writer, Extensions);
        }

        writer.WriteEndObject();
    }

    public void WriteTo(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output, JsonResultWriter.WriterOptions);
        WriteTo(writer);
    }

    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new Utf8JsonWriter(stream, JsonResultWriter.WriterOptions);
        WriteTo(writer);
        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteTo(buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public override string ToString() => ToJson();
}
