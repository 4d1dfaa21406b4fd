using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Marketplace.Runtime.Cluster;
using Microsoft.Extensions.Logging;

namespace Marketplace.Runtime.Transport;

/// <summary>A call sent on a connection and waiting for its response frame.</summary>
internal interface IOutstandingCall
{
    DateTimeOffset Deadline { get; }

    /// <summary>
    /// The answer arrived: <paramref name="kind"/> is Response, Error or Pong and <paramref name="body"/>
    /// what follows the call id. Runs on the connection's reader, and the span is only valid during the call.
    /// </summary>
    void Complete(FrameKind kind, ReadOnlySpan<byte> body);

    void Fail(Exception exception);
}

/// <summary>
/// Receives requests, pings and stream deliveries (anything but answers) read from a connection.
/// <paramref name="body"/> is what follows the call id and is only valid until the handler returns; the
/// returned task is awaited before the next frame is read, so a full send queue slows the peer down.
/// </summary>
internal delegate ValueTask InboundFrameHandler(Connection connection, FrameKind kind, long callId, ReadOnlySpan<byte> body);

/// <summary>
/// One TCP connection carrying frames laid out as <see cref="WireFormat"/> describes, through System.IO.Pipelines.
/// Senders encode their frame on their own thread and queue it in a bounded channel (they wait when it is
/// full: back-pressure); one writer loop copies every queued frame into the pipe and flushes the batch with
/// one send. The reader loop decodes frames in place in the pipe's buffers and completes waiting calls
/// there. When the connection breaks every call waiting on it fails at once with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed class Connection : IAsyncDisposable
{
    private const int PipeBufferSize = 16 * 1024;
    /// <summary>Bytes copied into the pipe before a flush even if more frames are queued, so a burst of large frames is not buffered whole.</summary>
    private const int MaxBytesPerFlush = 256 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Channel<FrameWriter> _outbound;
    private readonly ConcurrentDictionary<long, IOutstandingCall> _outstanding = new();
    private readonly InboundFrameHandler? _onRequest;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextCallId;
    private int _closedFlag;

    public Connection(Socket socket, string remote, int sendQueueLimit, InboundFrameHandler? onRequest, ILogger logger, SiloAddress? peerSilo = null)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: PipeBufferSize, minimumReadSize: PipeBufferSize / 4));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(minimumBufferSize: PipeBufferSize));
        _outbound = Channel.CreateBounded<FrameWriter>(new BoundedChannelOptions(sendQueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _onRequest = onRequest;
        _logger = logger;
        Remote = remote;
        PeerSilo = peerSilo;
        PeerSiloUtf8 = peerSilo is null ? [] : System.Text.Encoding.UTF8.GetBytes(peerSilo.ToString());
    }

    public string Remote { get; }

    /// <summary>The silo incarnation an outbound connection was opened to (null for inbound ones).</summary>
    public SiloAddress? PeerSilo { get; }

    /// <summary><see cref="PeerSilo"/> as UTF-8, encoded once: every frame names the incarnation it is meant for.</summary>
    public byte[] PeerSiloUtf8 { get; }

    public Task Closed => _closed.Task;
    public bool IsClosed => Volatile.Read(ref _closedFlag) != 0;

    public void Start()
    {
        _ = Task.Run(ReceiveLoopAsync);
        _ = Task.Run(SendLoopAsync);
    }

    /// <summary>
    /// Registers a call before its frame is encoded (the frame carries the id). False, with the call
    /// already failed, when the connection is closed.
    /// </summary>
    public bool TryTrack(IOutstandingCall call, out long callId)
    {
        callId = Interlocked.Increment(ref _nextCallId);
        _outstanding[callId] = call;
        if (!IsClosed) return true;
        // Close may have run before the add: fail it here (once, whoever removes it).
        if (_outstanding.TryRemove(callId, out _)) call.Fail(new SiloUnavailableException($"Connection to {Remote} is closed."));
        return false;
    }

    /// <summary>The call's frame could not be encoded or queued: stop waiting for its answer.</summary>
    public void Untrack(long callId) => _outstanding.TryRemove(callId, out _);

    /// <summary>Queues a completed frame; the connection owns it from now on (and releases it if it cannot be sent).</summary>
    public ValueTask SendAsync(FrameWriter frame)
    {
        if (_outbound.Writer.TryWrite(frame)) return ValueTask.CompletedTask;
        return WaitAndSendAsync(frame);
    }

    private async ValueTask WaitAndSendAsync(FrameWriter frame)
    {
        try
        {
            await _outbound.Writer.WriteAsync(frame, _closing.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ChannelClosedException)
        {
            frame.Release();
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
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_closing.Token))
            {
                var batched = 0;
                while (batched < MaxBytesPerFlush && reader.TryRead(out var frame))
                {
                    batched += frame.Length;
                    _writer.Write(frame.WrittenSpan);
                    frame.Release();
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
        finally
        {
            // Frames queued before the channel was completed go back to the pool.
            while (reader.TryRead(out var left)) left.Release();
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
                while (TryReadFrame(ref buffer, out var frame))
                {
                    var handling = Handle(frame);
                    if (!handling.IsCompletedSuccessfully) await handling;
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

    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < WireFormat.LengthPrefixSize) return false;
        Span<byte> prefix = stackalloc byte[WireFormat.LengthPrefixSize];
        buffer.Slice(0, WireFormat.LengthPrefixSize).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length < WireFormat.CommonHeaderSize || length > WireFormat.MaxFrameBytes)
            throw new InvalidDataException($"Frame of {length} bytes is out of bounds.");
        if (buffer.Length < WireFormat.LengthPrefixSize + length) return false;
        frame = buffer.Slice(WireFormat.LengthPrefixSize, length);
        buffer = buffer.Slice(WireFormat.LengthPrefixSize + length);
        return true;
    }

    /// <summary>Decodes in place when the frame is contiguous in the pipe (the usual case), else from a pooled copy.</summary>
    private ValueTask Handle(in ReadOnlySequence<byte> frame)
    {
        if (frame.IsSingleSegment) return Handle(frame.FirstSpan);
        var length = (int)frame.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(copy);
            return Handle(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private ValueTask Handle(ReadOnlySpan<byte> frame)
    {
        var kind = (FrameKind)frame[0];
        var callId = BinaryPrimitives.ReadInt64LittleEndian(frame[1..]);
        var body = frame[WireFormat.CommonHeaderSize..];
        switch (kind)
        {
            case FrameKind.Response or FrameKind.Error or FrameKind.Pong:
                if (_outstanding.TryRemove(callId, out var call))
                {
                    try { call.Complete(kind, body); }
                    catch (Exception exception) { call.Fail(exception); }
                }
                return ValueTask.CompletedTask;
            case FrameKind.Request or FrameKind.Ping or FrameKind.StreamDelivery when _onRequest is not null:
                return _onRequest(this, kind, callId, body);
            default:
                throw new InvalidDataException($"Unexpected frame kind {(int)kind} from {Remote}.");
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
