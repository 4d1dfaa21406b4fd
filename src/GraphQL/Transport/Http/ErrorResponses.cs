using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>Writes results and transport-level errors as GraphQL responses ({"errors":[...]}).</summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext context, int statusCode, string mediaType, string message, string code = "BAD_REQUEST")
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = mediaType == GraphQLMediaTypes.GraphQLResponseJson ? GraphQLMediaTypes.GraphQLResponseJsonUtf8 : GraphQLMediaTypes.JsonUtf8;
        var result = ExecutionResult.RequestError(new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = code }));
        return WriteResultAsync(response, result, context.RequestAborted);
    }

    public static Task WriteInternalErrorAsync(HttpContext context, string mediaType, Exception exception, bool development)
    {
        var response = context.Response;
        if (response.HasStarted) return Task.CompletedTask;
        response.StatusCode = StatusCodes.Status500InternalServerError;
        response.ContentType = mediaType == GraphQLMediaTypes.GraphQLResponseJson ? GraphQLMediaTypes.GraphQLResponseJsonUtf8 : GraphQLMediaTypes.JsonUtf8;
        var extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError };
        if (development) extensions["exception"] = new Dictionary<string, object?> { ["message"] = exception.Message, ["stackTrace"] = exception.ToString() };
        var result = ExecutionResult.RequestError(new GraphQLError("Internal server error.", extensions: extensions));
        return WriteResultAsync(response, result, context.RequestAborted);
    }

    /// <summary>Serialises straight into the response pipe (no intermediate string or stream).</summary>
    public static async Task WriteResultAsync(HttpResponse response, ExecutionResult result, CancellationToken cancellationToken)
    {
        var pipe = response.BodyWriter;
        using (var writer = new Utf8JsonWriter(pipe, JsonResultWriter.WriterOptions))
        {
            result.WriteTo(writer);
            writer.Flush();
        }

        await pipe.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
