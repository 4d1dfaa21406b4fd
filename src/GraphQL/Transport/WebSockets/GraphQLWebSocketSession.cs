using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Marketplace.GraphQL.Execution;
using Marketplace.GraphQL.Transport.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MessageTypes = Marketplace.GraphQL.Transport.WebSockets.GraphQLTransportWs.MessageTypes;
using Codes = Marketplace.GraphQL.Transport.WebSockets.GraphQLTransportWs.CloseCodes;

namespace Marketplace.GraphQL.Transport.WebSockets;

/// <summary>
/// One graphql-transport-ws connection: handshake (connection_init → authenticator → connection_ack),
/// ping/pong, operations keyed by client id, protocol violations closed with the protocol's codes.
/// Each operation awaits its own socket sends, so a slow client slows its source streams (back-pressure)
/// instead of queueing results in memory.
/// </summary>
internal sealed partial class GraphQLWebSocketSession : IAsyncDisposable
{
    private static readonly TimeSpan CloseHandshakeWait = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly IDocumentExecutor _executor;
    private readonly GraphQLServerOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Operation> _operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Operation, Task> _running = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(1024);
    private readonly CancellationTokenSource _receiveCancellation;
    private readonly CancellationTokenSource _operationsCancellation;
    private int _initReceived;
    private int _closing;
    private volatile bool _acknowledged;
    private object? _userContext;

    public GraphQLWebSocketSession(WebSocket socket, HttpContext http, IDocumentExecutor executor, GraphQLServerOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _socket = socket;
        _http = http;
        _executor = executor;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _receiveCancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        _operationsCancellation = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
    }

    public async Task RunAsync()
    {
        using var initTimer = _timeProvider.CreateTimer(
            _ => { if (!_acknowledged) _ = CloseAsync(Codes.ConnectionInitialisationTimeout, "Connection initialisation timeout"); },
            null, _options.WebSockets.ConnectionInitTimeout, Timeout.InfiniteTimeSpan);
        var buffer = new MessageBuffer(_options.WebSockets.MaxMessageBytes);
        try
        {
            while (true)
            {
                var kind = await buffer.ReceiveAsync(_socket, _receiveCancellation.Token).ConfigureAwait(false);
                if (kind == MessageKind.Closed)
                {
                    if (_socket.State == WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
                    break;
                }

                if (Volatile.Read(ref _closing) == 1) continue; // draining until the client's close frame
                if (kind == MessageKind.TooLarge)
                {
                    await CloseAsync((int)WebSocketCloseStatus.MessageTooBig, "Message too big").ConfigureAwait(false);
                    continue;
                }

                if (kind == MessageKind.Binary)
                {
                    await CloseAsync(Codes.BadRequest, "Invalid message received").ConfigureAwait(false);
                    continue;
                }

                await HandleMessageAsync(buffer.Written).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // connection aborted, or the client did not answer our close frame in time
        }
        catch (WebSocketException)
        {
            // peer vanished without a close handshake
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL WebSocket session failed");
            await CloseAsync(Codes.InternalServerError, "Internal server error").ConfigureAwait(false);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private async Task HandleMessageAsync(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            // Copy: the receive buffer is reused, while subscribe payloads live as long as their operation.
            document = JsonDocument.Parse(message.ToArray());
        }
        catch (JsonException)
        {
            await CloseAsync(Codes.BadRequest, "Invalid message received").ConfigureAwait(false);
            return;
        }

        var ownedByOperation = false;
        try
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                await CloseAsync(Codes.BadRequest, "Invalid message received").ConfigureAwait(false);
                return;
            }

            switch (typeElement.GetString())
            {
                case MessageTypes.ConnectionInit: await OnConnectionInitAsync(root).ConfigureAwait(false); break;
                case MessageTypes.Ping: await OnPingAsync(root).ConfigureAwait(false); break;
                case MessageTypes.Pong: break;
                case MessageTypes.Subscribe: ownedByOperation = await OnSubscribeAsync(root, document).ConfigureAwait(false); break;
                case MessageTypes.Complete: await OnCompleteAsync(root).ConfigureAwait(false); break;
                case var other: await CloseAsync(Codes.BadRequest, $"Unexpected message of type {other} received").ConfigureAwait(false); break;
            }
        }
        finally
        {
            if (!ownedByOperation) document.Dispose();
        }
    }

    private async Task OnConnectionInitAsync(JsonElement message)
    {
        if (Interlocked.Exchange(ref _initReceived, 1) == 1)
        {
            await CloseAsync(Codes.TooManyInitialisationRequests, "Too many initialisation requests").ConfigureAwait(false);
            return;
        }

        JsonElement? payload = null;
        if (message.TryGetProperty("payload", out var given) && given.ValueKind != JsonValueKind.Null)
        {
            if (given.ValueKind != JsonValueKind.Object)
            {
                await CloseAsync(Codes.BadRequest, "Invalid message received").ConfigureAwait(false);
                return;
            }

            payload = given.Clone();
        }

        ConnectionInitResult decision;
        try
        {
            decision = _options.WebSockets.Authenticate is { } authenticate
                ? await authenticate(new ConnectionInitContext(_http, payload, _receiveCancellation.Token)).ConfigureAwait(false)
                : ConnectionInitResult.Accept();
            _userContext = decision.Context
                ?? (_options.ContextFactory is { } factory ? await factory(_http).ConfigureAwait(false) : _http.User);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogError(ex, "GraphQL WebSocket connection_init handling failed");
            await CloseAsync(Codes.InternalServerError, "Internal server error").ConfigureAwait(false);
            return;
        }

        switch (decision.Outcome)
        {
            case ConnectionInitOutcome.Unauthorized:
                await CloseAsync(Codes.Unauthorized, "Unauthorized").ConfigureAwait(false);
                return;
            case ConnectionInitOutcome.Forbidden:
                await CloseAsync(Codes.Forbidden, "Forbidden").ConfigureAwait(false);
                return;
        }

        await SendAsync(writer =>
        {
            writer.WriteString("type", MessageTypes.ConnectionAck);
            if (decision.AckPayload is { } ack)
            {
                writer.WritePropertyName("payload");
                JsonResultWriter.WriteValue(writer, ack);
            }
        }, operation: null).ConfigureAwait(false);
        _acknowledged = true;
    }

    private Task OnPingAsync(JsonElement message) =>
        SendAsync(writer =>
        {
            writer.WriteString("type", MessageTypes.Pong);
            if (message.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.Object)
            {
                writer.WritePropertyName("payload");
                payload.WriteTo(writer);
            }
        }, operation: null);

    /// <returns>True when the started operation took ownership of the message document.</returns>
    private async Task<bool> OnSubscribeAsync(JsonElement message, JsonDocument document)
    {
        if (!_acknowledged)
        {
            await CloseAsync(Codes.Unauthorized, "Unauthorized").ConfigureAwait(false);
            return false;
        }

        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String || idElement.GetString() is not { Length: > 0 } id
            || !message.TryGetProperty("payload", out var payload))
        {
            await CloseAsync(Codes.BadRequest, "Invalid message received").ConfigureAwait(false);
            return false;
        }

        var parameters = RequestParameters.FromJson(payload);
        if (!parameters.IsValid)
        {
            await CloseAsync(Codes.BadRequest, "Invalid message received: " + parameters.Problem).ConfigureAwait(false);
            return false;
        }

        var operation = new Operation(id, document, _operationsCancellation.Token);
        if (!_operations.TryAdd(id, operation))
        {
            operation.Dispose();
            await CloseAsync(Codes.SubscriberAlreadyExists, $"Subscriber for {id} already exists").ConfigureAwait(false);
            return false;
        }

        if (_operations.Count > _options.WebSockets.MaxOperationsPerConnection)
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
            await SendErrorAsync(operation, [new GraphQLError($"Too many operations on this connection (at most {_options.WebSockets.MaxOperationsPerConnection}).")]).ConfigureAwait(false);
            operation.Dispose();
            return true;
        }

        // A document the gateway does not trust is the operation's error, not the connection's.
        var trusted = TrustedDocumentResolution.Resolve(parameters, _options.TrustedDocuments);
        if (!trusted.IsValid)
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
            await SendErrorAsync(operation, [new GraphQLError(trusted.Problem!, extensions: new Dictionary<string, object?> { ["code"] = trusted.ProblemCode })]).ConfigureAwait(false);
            operation.Dispose();
            return true;
        }
        parameters = trusted;

        if (_options.WebSockets.AdmitOperation is { } admit)
        {
            var admission = await admit(new OperationAdmissionContext(_http, _userContext, id)).ConfigureAwait(false);
            if (admission.Refusal is { } refusal)
            {
                _operations.TryRemove(new KeyValuePair<string, Operation>(id, operation));
                await SendErrorAsync(operation, [refusal]).ConfigureAwait(false);
                operation.Dispose();
                return true;
            }
            operation.Lease = admission.Lease;
        }

        // Off the receive loop, so a long operation does not delay pings or completes.
        _running[operation] = Task.Run(() => RunOperationAsync(operation, parameters));
        return true;
    }

    private Task OnCompleteAsync(JsonElement message)
    {
        if (!message.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String)
            return CloseAsync(Codes.BadRequest, "Invalid message received");

        // Removing first frees the id for reuse at once; the running operation notices the cancellation.
        if (_operations.TryRemove(idElement.GetString()!, out var operation)) operation.CompleteByClient();
        return Task.CompletedTask;
    }

    private async Task RunOperationAsync(Operation operation, RequestParameters parameters)
    {
        var token = operation.Cancellation.Token;
        using var tracked = GraphQLTelemetry.TrackSubscription();
        try
        {
            var subscription = await _executor.SubscribeAsync(new ExecutionRequest
            {
                Query = parameters.Query,
                OperationName = parameters.OperationName,
                VariablesJson = parameters.Variables,
                Extensions = parameters.Extensions,
                Context = _userContext,
                RequestServices = _http.RequestServices,
                CancellationToken = token,
            }).ConfigureAwait(false);

            if (subscription.ErrorResult is { } error)
            {
                await SendErrorAsync(operation, error.Errors ?? []).ConfigureAwait(false);
                return;
            }

            await foreach (var result in subscription.Stream!.WithCancellation(token).ConfigureAwait(false))
            {
                await SendAsync(writer =>
                {
                    writer.WriteString("id", operation.Id);
                    writer.WriteString("type", MessageTypes.Next);
                    writer.WritePropertyName("payload");
                    result.WriteTo(writer);
                }, operation).ConfigureAwait(false);
            }

            await SendAsync(writer =>
            {
                writer.WriteString("id", operation.Id);
                writer.WriteString("type", MessageTypes.Complete);
            }, operation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // completed by the client or the connection closed
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException)
        {
            // the socket is gone
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "GraphQL WebSocket operation {OperationId} failed", operation.Id);
            var message = _options.Development ? ex.Message : "Internal server error.";
            try
            {
                await SendErrorAsync(operation, [new GraphQLError(message, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.InternalServerError })]).ConfigureAwait(false);
            }
            catch (Exception sendFailure) when (sendFailure is WebSocketException or ObjectDisposedException or OperationCanceledException)
            {
            }
        }
        finally
        {
            _operations.TryRemove(new KeyValuePair<string, Operation>(operation.Id, operation));
            _running.TryRemove(operation, out _);
            operation.Dispose();
        }
    }

    private Task SendErrorAsync(Operation operation, IReadOnlyList<GraphQLError> errors) =>
        SendAsync(writer =>
        {
            writer.WriteString("id", operation.Id);
            writer.WriteString("type", MessageTypes.Error);
            writer.WritePropertyName("payload");
            writer.WriteStartArray();
            foreach (var error in errors) JsonResultWriter.WriteError(writer, error);
            writer.WriteEndArray();
        }, operation);

    /// <summary>
    /// Writes one message; nothing is sent for an operation the client completed or once closing.
    /// Sends are serialised (one writer at a time per socket) and awaited by the producer.
    /// </summary>
    private async Task SendAsync(Action<Utf8JsonWriter> writeBody, Operation? operation)
    {
        await _sendLock.WaitAsync(_http.RequestAborted).ConfigureAwait(false);
        try
        {
            if (Volatile.Read(ref _closing) == 1 || operation is { CompletedByClient: true }) return;
            _sendBuffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(_sendBuffer, JsonResultWriter.WriterOptions))
            {
                writer.WriteStartObject();
                writeBody(writer);
                writer.WriteEndObject();
            }

            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _http.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes with a protocol code: stops operations, sends the close frame, waits briefly for the client's.</summary>
    /// <summary>The server is stopping: close with 1001 (going away) so clients reconnect to another gateway.</summary>
    public Task CloseForShutdownAsync() => CloseAsync((int)WebSocketCloseStatus.EndpointUnavailable, "Server shutting down");

    private async Task CloseAsync(int code, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1) return;
        _operationsCancellation.Cancel();
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _sendLock.Release();
        }

        try
        {
            _receiveCancellation.CancelAfter(CloseHandshakeWait);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _operationsCancellation.Cancel();
        try
        {
            await Task.WhenAll(_running.Values).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "GraphQL WebSocket operation ended with an error during shutdown");
        }

        _receiveCancellation.Dispose();
        _operationsCancellation.Dispose();
        _sendLock.Dispose();
    }
}
