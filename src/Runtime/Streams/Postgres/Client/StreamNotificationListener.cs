using System.Text.Json;
using System.Threading.Channels;
using Marketplace.Runtime.Persistence.AdoNet;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.Runtime.Streams.Postgres.Client;

/// <summary>
/// Holds one connection that LISTENs for the stream notifications silos send on enqueue and hands
/// each event to this client's observers of that stream, one at a time in arrival order (which is
/// commit order, so per-stream order holds). When the connection breaks it reconnects and tells every
/// observer that events may have been missed; the connection is checked every <see cref="KeepAlive"/>.
/// </summary>
internal sealed partial class StreamNotificationListener(
    ClientStreamProvider provider,
    string connectionString,
    AdoNetStore store,
    JsonSerializerOptions serializerOptions,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly Channel<string> _received = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first LISTEN is in place (tests wait for it before producing).</summary>
    public Task Listening => _listening.Task;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), DispatchAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken stopping)
    {
        var connectedBefore = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {StreamNotification.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                // Events committed while we were away were never heard: observers must re-read.
                if (connectedBefore) _received.Writer.TryWrite(GapMarker);
                connectedBefore = true;
                _listening.TrySetResult();
                while (!stopping.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync((int)KeepAlive.TotalMilliseconds, stopping))
                    {
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteScalarAsync(stopping);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogConnectionLost(logger, provider.Name, exception);
                try { await Task.Delay(ReconnectDelay, time, stopping); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private const string GapMarker = "";

    private async Task DispatchAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var message in _received.Reader.ReadAllAsync(stopping))
            {
                if (message == GapMarker)
                {
                    foreach (var subscription in provider.All())
                        await InvokeAsync(subscription, s => s.OnError(new StreamEventsMissedException(s.StreamId, "the client's connection to PostgreSQL was lost")));
                    continue;
                }
                if (StreamNotification.Parse(message) is not { } notification || notification.Provider != provider.Name) continue;
                var subscriptions = provider.ForStream(notification.StreamId);
                if (subscriptions.Count == 0) continue;
                var (payload, error) = await ReadPayloadAsync(notification, stopping);
                var token = new StreamSequenceToken(notification.Sequence);
                foreach (var subscription in subscriptions)
                {
                    if (payload is null) await InvokeAsync(subscription, s => s.OnError(new StreamEventsMissedException(s.StreamId, error!)));
                    else if (subscription.ItemType.IsInstanceOfType(payload)) await InvokeAsync(subscription, s => s.OnNext(token, payload));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>The event from the notification, or from its row when it was too large to carry.</summary>
    private async Task<(object? Payload, string? Error)> ReadPayloadAsync(StreamNotification notification, CancellationToken stopping)
    {
        var (type, json) = (notification.PayloadType, notification.Payload);
        if (type is null || json is null)
        {
            try
            {
                (type, json) = await ReadRowAsync(notification, stopping);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return (null, $"event {notification.Sequence} could not be read: {exception.Message}");
            }
            if (type is null || json is null) return (null, $"event {notification.Sequence} was too large to notify and was already delivered and removed");
        }
        try
        {
            var payloadType = Type.GetType(type, throwOnError: true)!;
            return (JsonSerializer.Deserialize(json, payloadType, serializerOptions) ?? throw new JsonException("The payload is JSON null."), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return (null, $"event {notification.Sequence} is not readable as {type}: {exception.Message}");
        }
    }

    private async Task<(string? Type, string? Payload)> ReadRowAsync(StreamNotification notification, CancellationToken stopping)
    {
        const string where = "WHERE provider = @provider AND stream_ns = @ns AND stream_key = @key AND sequence = @sequence";
        await using var connection = await store.OpenAsync(stopping);
        await using var command = connection.CreateCommand(
            $"SELECT payload_type, payload FROM stream_queue {where} UNION ALL SELECT payload_type, payload FROM stream_dead_letters {where} LIMIT 1")
            .With("@provider", notification.Provider).With("@ns", notification.Namespace).With("@key", notification.Key).With("@sequence", notification.Sequence);
        await using var reader = await command.ExecuteReaderAsync(stopping);
        return await reader.ReadAsync(stopping) ? (reader.GetString(0), reader.GetString(1)) : (null, null);
    }

    private async Task InvokeAsync(ClientSubscription subscription, Func<ClientSubscription, Task> call)
    {
        try
        {
            await call(subscription);
        }
        catch (Exception exception)
        {
            LogObserverFailed(logger, subscription.StreamId.ToString(), exception);
        }
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Warning, Message = "Stream provider {Provider}: the listening connection to PostgreSQL failed; reconnecting")]
    private static partial void LogConnectionLost(ILogger logger, string provider, Exception exception);

    [LoggerMessage(EventId = 161, Level = LogLevel.Warning, Message = "A client observer of stream {StreamId} failed")]
    private static partial void LogObserverFailed(ILogger logger, string streamId, Exception exception);
}
