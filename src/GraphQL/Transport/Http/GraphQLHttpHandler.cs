using System.Buffers;
using System.Collections.Frozen;
using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Language.Ast;
using Marketplace.GraphQL.Transport.GraphiQL;
using Marketplace.GraphQL.Transport.WebSockets;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.GraphQL.Transport.Http;

/// <summary>
/// GraphQL over HTTP (graphql.github.io/graphql-over-http): GET for queries, POST with JSON,
/// Accept negotiation between application/graphql-response+json and application/json.
/// WebSocket upgrades go to <see cref="GraphQLWebSocketHandler"/>; browsers get GraphiQL in development.
/// </summary>
internal sealed class GraphQLHttpHandler
{
    private static readonly IReadOnlySet<OperationType> QueriesOnly = new[] { OperationType.Query }.ToFrozenSet();

    private readonly IDocumentExecutor _executor;
    private readonly GraphQLServerOptions _options;
    private readonly GraphQLWebSocketHandler _webSockets;
    private readonly ILogger<GraphQLHttpHandler> _logger;

    public GraphQLHttpHandler(IDocumentExecutor executor, IOptions<GraphQLServerOptions> options, GraphQLWebSocketHandler webSockets, ILogger<GraphQLHttpHandler> logger)
    {
        _executor = executor;
        _options = options.Value;
        _webSockets = webSockets;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest && _options.WebSockets.Enabled)
        {
            await _webSockets.HandleAsync(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, GraphQLMediaTypes.Json, "GraphQL requests must use GET or POST.").ConfigureAwait(false);
            return;
        }

        var accept = request.Headers.Accept;
        if (isGet && _options.GraphiQLEnabled && !request.Query.ContainsKey("query") && GraphQLMediaTypes.AcceptsHtml(accept))
        {
            await GraphiQLPage.WriteAsync(context, _options.GraphiQLHtmlFile).ConfigureAwait(false);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(accept);
        if (mediaType is null)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status406NotAcceptable, GraphQLMediaTypes.Json,
                $"Accept must allow {GraphQLMediaTypes.GraphQLResponseJson} or {GraphQLMediaTypes.Json}.").ConfigureAwait(false);
            return;
        }

        if (isGet) await HandleGetAsync(context, mediaType).ConfigureAwait(false);
        else await HandlePostAsync(context, mediaType).ConfigureAwait(false);
    }

    private async Task HandleGetAsync(HttpContext context, string mediaType)
    {
        var query = context.Request.Query;
        var owned = new List<IDisposable>();
        try
        {
            var parameters = RequestParameters.FromQueryString(
                query["query"].ToString() is { Length: > 0 } q ? q : null,
                query["operationName"].ToString(),
                query["variables"].ToString(),
                query["extensions"].ToString(),
                owned,
                query["documentId"].ToString() is { Length: > 0 } id ? id : null);
            parameters = TrustedDocumentResolution.Resolve(parameters, _options.TrustedDocuments);
            if (!parameters.IsValid)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, mediaType, parameters.Problem!, parameters.ProblemCode).ConfigureAwait(false);
                return;
            }

            await ExecuteAsync(context, mediaType, parameters, QueriesOnly).ConfigureAwait(false);
        }
        finally
        {
            foreach (var item in owned) item.Dispose();
        }
    }

    private async Task HandlePostAsync(HttpContext context, string mediaType)
    {
        var request = context.Request;
        if (!GraphQLMediaTypes.IsJsonRequest(request.ContentType))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, mediaType,
                $"POST requests must have Content-Type {GraphQLMediaTypes.Json} (UTF-8).").ConfigureAwait(false);
            return;
        }

        var limit = _options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body exceeds {limit} bytes.").ConfigureAwait(false);
            return;
        }

        var body = await RequestBody.ReadAsync(request, limit, context.RequestAborted).ConfigureAwait(false);
        try
        {
            if (body.TooLarge)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, mediaType, $"The request body exceeds {limit} bytes.").ConfigureAwait(false);
                return;
            }

            if (body.Length == 0)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, mediaType, "The request body is empty.").ConfigureAwait(false);
                return;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body.Memory);
            }
            catch (JsonException)
            {
                await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, mediaType, "The request body is not valid JSON.").ConfigureAwait(false);
                return;
            }

            using (document)
            {
                var parameters = TrustedDocumentResolution.Resolve(RequestParameters.FromJson(document.RootElement), _options.TrustedDocuments);
                if (!parameters.IsValid)
                {
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, mediaType, parameters.Problem!, parameters.ProblemCode).ConfigureAwait(false);
                    return;
                }

                await ExecuteAsync(context, mediaType, parameters, allowed: null).ConfigureAwait(false);
            }
        }
        finally
        {
            body.Dispose();
        }
    }

    private async Task ExecuteAsync(HttpContext context, string mediaType, RequestParameters parameters, IReadOnlySet<OperationType>? allowed)
    {
        ExecutionResult result;
        try
        {
            var userContext = _options.ContextFactory is { } factory ? await factory(context).ConfigureAwait(false) : context.User;
            result = await _executor.ExecuteAsync(new ExecutionRequest
            {
                Query = parameters.Query,
                OperationName = parameters.OperationName,
                VariablesJson = parameters.Variables,
                Extensions = parameters.Extensions,
                Context = userContext,
                RequestServices = context.RequestServices,
                AllowedOperations = allowed,
                CancellationToken = context.RequestAborted,
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // client went away; nobody to answer
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL request failed outside execution");
            await ErrorResponses.WriteInternalErrorAsync(context, mediaType, ex, _options.Development).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (allowed is not null && IsOperationNotAllowed(result))
        {
            // Spec: mutations over GET are refused with 405 and Allow: POST.
            response.Headers.Allow = "POST";
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        }
        else
        {
            response.StatusCode = result.IsRequestError && ReferenceEquals(mediaType, GraphQLMediaTypes.GraphQLResponseJson)
                ? StatusCodes.Status400BadRequest
                : StatusCodes.Status200OK;
        }

        response.ContentType = ReferenceEquals(mediaType, GraphQLMediaTypes.GraphQLResponseJson) ? GraphQLMediaTypes.GraphQLResponseJsonUtf8 : GraphQLMediaTypes.JsonUtf8;
        await ErrorResponses.WriteResultAsync(response, result, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsOperationNotAllowed(ExecutionResult result) =>
        result.IsRequestError && result.Errors is { Count: 1 } errors && errors[0].Code == ErrorCodes.OperationNotAllowed;
}
