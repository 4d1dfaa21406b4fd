using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Marketplace.Runtime.Cluster;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Transport;

/// <summary>A call sent on a connection and waiting for its response frame.</summary>
internal interface IOutstandingCall
{
    DateTimeOffset Deadline { get; }
    void Complete(WireFrame response);
    void Fail(Exception exception);
}

/// <summary>
/// One TCP connection: a frame is its length and the header's length (4-byte little-endian each),
/// the JSON <see cref="WireFrame"/> header, then the JSON body.
/// Reads and writes go through System.IO.Pipelines; sends queue in a bounded channel (senders wait
/// when it is full, and the writer waits on the pipe's flush when the socket is slow), and one
/// writer loop batches whatever is queued into a single flush. When the connection breaks every
/// call waiting on it fails at once with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private const int MaxFrameBytes = 64 * 1024 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<WireFrame> _outbound;
    private readonly ConcurrentDictionary<long, IOutstandingCall> _outstanding = new();
    private readonly Func<Connection, WireFrame, ValueTask>? _onRequest;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextCallId;
    private int _closedFlag;

    public Connection(Socket socket, string remote, int sendQueueLimit,
        Func<Connection, WireFrame, ValueTask>? onRequest, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream);
        _writer = PipeWriter.Create(_stream);
        _outbound = Channel.CreateBounded<WireFrame>(new BoundedChannelOptions(sendQueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _onRequest = onRequest;
        _logger = logger;
        Remote = remote;
    }

    public string Remote { get; }
    public Task Closed => _closed.Task;
    public bool IsClosed => Volatile.Read(ref _closedFlag) != 0;

    public void Start()
    {
        _ = Task.Run(ReceiveLoopAsync);
        _ = Task.Run(SendLoopAsync);
    }

    /// <summary>Tracks the call and queues its frame (with the call id it assigns).</summary>
    public ValueTask SendCallAsync(WireFrame frame, IOutstandingCall call)
    {
        var id = Interlocked.Increment(ref _nextCallId);
        _outstanding[id] = call;
        if (IsClosed)
        {
            _outstanding.TryRemove(id, out _);
            call.Fail(new SiloUnavailableException($"Connection to {Remote} is closed."));
            return ValueTask.CompletedTask;
        }
        return SendAsync(frame with { CallId = id });
    }

    public ValueTask SendAsync(WireFrame frame)
    {
        if (_outbound.Writer.TryWrite(frame)) return ValueTask.CompletedTask;
        return WaitAndSendAsync(frame);
    }

    private async ValueTask WaitAndSendAsync(WireFrame frame)
    {
        try
        {
            await _outbound.Writer.WriteAsync(frame, _closing.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            throw new SiloUnavailableException($"Connection to {Remote} is closed.", exception);
        }
    }

    /// <summary>Fails calls whose deadline passed (their callers already timed out) so they do not pile up.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (id, call) in _outstanding)
            if (call.Deadline < now && _outstanding.TryRemove(id, out _)) call.Fail(new TimeoutException($"No response from {Remote}."));
    }

    private async Task SendLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var json = new Utf8JsonWriter(buffer);
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                while (reader.TryRead(out var frame))
                {
                    buffer.ResetWrittenCount();
                    json.Reset(buffer);
                    JsonSerializer.Serialize(json, frame, WireFrameContext.Default.WireFrame);
                    json.Flush();
                    var lengths = _writer.GetSpan(8);
                    BinaryPrimitives.WriteInt32LittleEndian(lengths, 4 + buffer.WrittenCount + frame.Body.Length);
                    BinaryPrimitives.WriteInt32LittleEndian(lengths[4..], buffer.WrittenCount);
                    _writer.Advance(8);
                    _writer.Write(buffer.WrittenSpan);
                    if (!frame.Body.IsEmpty) _writer.Write(frame.Body.Span);
                }
                var flush = await _writer.FlushAsync(_closing.Token);
                if (flush.IsCompleted || flush.IsCanceled) break;
            }
            Close(null);
        }
        catch (Exception exception)
        {
            Close(exception);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _reader.ReadAsync(_closing.Token);
                var buffer = result.Buffer;
                while (TryReadFrame(ref buffer, out var payload))
                {
                    var frame = ReadFrame(payload);
                    await HandleAsync(frame);
                }
                _reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted) break;
            }
            Close(null);
        }
        catch (Exception exception)
        {
            Close(exception);
        }
    }

    private WireFrame ReadFrame(ReadOnlySequence<byte> payload)
    {
        Span<byte> lengthBytes = stackalloc byte[4];
        payload.Slice(0, 4).CopyTo(lengthBytes);
        var headerLength = BinaryPrimitives.ReadInt32LittleEndian(lengthBytes);
        if (headerLength < 0 || headerLength > payload.Length - 4) throw new InvalidDataException($"Frame header of {headerLength} bytes is out of bounds.");
        var jsonReader = new Utf8JsonReader(payload.Slice(4, headerLength));
        var frame = JsonSerializer.Deserialize(ref jsonReader, WireFrameContext.Default.WireFrame) ?? throw new JsonException("Empty frame.");
        var body = payload.Slice(4 + headerLength);
        // Copied out of the pipe: the pipe reuses its buffers once the frame is consumed.
        return body.IsEmpty ? frame : frame with { Body = body.ToArray() };
    }

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < 4) return false;
        Span<byte> header = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 4 or > MaxFrameBytes) throw new InvalidDataException($"Frame of {length} bytes is out of bounds.");
        if (buffer.Length < 4 + length) return false;
        payload = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    private ValueTask HandleAsync(WireFrame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Response or FrameKind.Error or FrameKind.Pong:
                if (_outstanding.TryRemove(frame.CallId, out var call))
                {
                    try { call.Complete(frame); }
                    catch (Exception exception) { call.Fail(exception); }
                }
                return ValueTask.CompletedTask;
            case FrameKind.Request or FrameKind.Ping or FrameKind.StreamDelivery when _onRequest is not null:
                return _onRequest(this, frame);
            default:
                throw new InvalidDataException($"Unexpected {frame.Kind} frame from {Remote}.");
        }
    }

    /// <summary>Closes the socket and fails every call waiting on it. Safe to call more than once.</summary>
    public void Close(Exception? reason)
    {
        if (Interlocked.Exchange(ref _closedFlag, 1) != 0) return;
        if (reason is not null and not OperationCanceledException) _logger.LogDebug(reason, "Connection to {Remote} closed", Remote);
        _outbound.Writer.TryComplete();
        _closing.Cancel();
        try { _socket.Shutdown(SocketShutdown.Both); } catch (Exception) { /* already gone */ }
        _socket.Dispose();
        var failure = new SiloUnavailableException($"Connection to {Remote} was lost.", reason);
        foreach (var id in _outstanding.Keys)
            if (_outstanding.TryRemove(id, out var call)) call.Fail(failure);
        _closed.TrySetResult();
    }

    public ValueTask DisposeAsync()
    {
        Close(null);
        return ValueTask.CompletedTask;
    }
}
