using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
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

    /// <summary>Its deadline passed with no answer from <paramref name="remote"/>: fails it with a <see cref="TimeoutException"/>.</summary>
    void Expire(string remote) => Fail(new TimeoutException($"No response from {remote} before the deadline."));
}

/// <summary>
/// Receives requests, pings and stream deliveries (anything but answers) read from a connection.
/// <paramref name="body"/> is what follows the call id and is only valid until the handler returns; the
/// returned task is awaited before the next frame is read, so a full send queue slows the peer down.
/// </summary>
internal delegate ValueTask InboundFrameHandler(Connection connection, FrameKind kind, long callId, ReadOnlySpan<byte> body);

/// <summary>
/// One TCP connection carrying frames laid out as <see cref="WireFormat"/> describes, on a non-blocking socket.
/// Sending: senders encode their frame on their own thread and queue it in a bounded channel (they wait
/// when it is full: back-pressure); the first frame queued while no flush is pending schedules one pool
/// work item, which copies every frame queued by then into one buffer and writes it with one send, never
/// waiting for the socket (see <see cref="IThreadPoolWorkItem.Execute"/>).
/// Receiving: a thread of the connection's own sleeps in the kernel until bytes arrive, decodes the frames
/// in place and completes waiting calls there (requests go on to their activations' schedulers).
/// Why not async socket calls: on Linux every async receive is a wake-up of the socket engine's thread
/// plus a hop to a pool thread, and every send loop parked on the channel another hop; on 2 loaded cores
/// those context switches were most of a cross-silo call's cost (see docs/cluster.md, Figures).
/// When the connection breaks every call waiting on it fails at once with <see cref="SiloUnavailableException"/>.
/// </summary>
internal sealed class Connection : IAsyncDisposable, IThreadPoolWorkItem
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _socket;
    private readonly Channel<FrameWriter> _outbound;
    private readonly ConcurrentDictionary<long, IOutstandingCall> _outstanding = new();
    private readonly InboundFrameHandler? _onRequest;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextCallId;
    private int _closedFlag;
    /// <summary>1 while a flush is queued or running: it alone owns <see cref="_sendBuffer"/> and the socket's sending side.</summary>
    private int _flushScheduled;
    private byte[] _sendBuffer = [];
    private int _sendStart;
    private int _sendEnd;
    /// <summary>Hands a flush the socket would not take to <see cref="StalledSendLoop"/>; created on the first stall (by the flush owner).</summary>
    private SemaphoreSlim? _stalled;

    public Connection(Socket socket, string remote, int sendQueueLimit, InboundFrameHandler? onRequest, ILogger logger, SiloAddress? peerSilo = null)
    {
        _socket = socket;
        _socket.NoDelay = true;
        // Non-blocking: a flush on a pool thread must never wait for a slow peer (see Flush).
        _socket.Blocking = false;
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
        new Thread(ReceiveLoop) { IsBackground = true, Name = $"Transport receive {Remote}" }.Start();
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
        if (!_outbound.Writer.TryWrite(frame)) return WaitAndSendAsync(frame);
        ScheduleFlush();
        return ValueTask.CompletedTask;
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
        ScheduleFlush();
    }

    /// <summary>
    /// One flush at a time. The frame is queued before the flag is read here, and the flush clears the flag
    /// before it looks at the queue a last time, so a frame is never left behind with no flush to send it.
    /// </summary>
    private void ScheduleFlush()
    {
        if (Volatile.Read(ref _flushScheduled) == 0 && Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0) QueueFlush();
    }

    /// <summary>Queues the flush (owned by the caller) at the back of the pool's global queue.</summary>
    private void QueueFlush() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    /// <summary>Fails the calls whose deadline passed: this connection is the only one holding them.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (id, call) in _outstanding)
            if (call.Deadline <= now && _outstanding.TryRemove(id, out _)) call.Expire(Remote);
    }

    /// <summary>
    /// The flush, on a pool thread. Queued at the back of the pool's global queue, so the turns queued before
    /// it (a wave of grain calls, or callers resumed by a batch of responses) add their frames first: one
    /// write for the lot. It never waits: when the peer's receive window is full, the rest of the flush moves
    /// to a thread of its own that waits for the socket to take more (a slow peer's back-pressure must not
    /// hold a pool thread; a dead one is closed by membership, which ends the wait).
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            if (Flush(mayWait: false)) return;
            if (_stalled is null)
            {
                _stalled = new SemaphoreSlim(0);
                new Thread(StalledSendLoop) { IsBackground = true, Name = $"Transport stalled send {Remote}" }.Start();
            }
            _stalled.Release();
        }
        catch (Exception exception)
        {
            Close(exception);
        }
    }

    /// <summary>Started on the first stall and kept: a peer slow once is likely to be slow again.</summary>
    private void StalledSendLoop()
    {
        try
        {
            while (!IsClosed)
            {
                // The timeout only bounds how long a closed connection's thread lingers.
                if (_stalled!.Wait(TimeSpan.FromSeconds(1))) Flush(mayWait: true);
            }
        }
        catch (Exception exception)
        {
            Close(exception);
        }
    }

    /// <summary>
    /// Sends what is buffered, refills the buffer from the queue and sends again, until the queue is empty;
    /// then gives up the flush. False when the socket would block and <paramref name="mayWait"/> is false:
    /// the flush is still owned, with the unsent bytes kept in the buffer.
    /// </summary>
    private bool Flush(bool mayWait)
    {
        var reader = _outbound.Reader;
        while (!IsClosed)
        {
            while (_sendStart < _sendEnd && !IsClosed)
            {
                var sent = _socket.Send(_sendBuffer.AsSpan(_sendStart, _sendEnd - _sendStart), SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    if (!mayWait) return false;
                    _socket.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectWrite);
                    continue;
                }
                if (error != SocketError.Success) throw new SocketException((int)error);
                _sendStart += sent;
            }
            _sendStart = _sendEnd = 0;
            if (Refill(reader)) continue;
            Volatile.Write(ref _flushScheduled, 0);
            // A frame queued after the last read but before the flag was cleared saw it set: take it.
            if (reader.Count == 0 || Interlocked.CompareExchange(ref _flushScheduled, 1, 0) != 0) return true;
        }
        // Closed while owning the flush: nobody sends the rest.
        while (reader.TryRead(out var left)) left.Release();
        return true;
    }

    /// <summary>Copies queued frames into the empty send buffer while they fit (a frame larger than it gets a larger buffer); false when none was queued.</summary>
    private bool Refill(ChannelReader<FrameWriter> reader)
    {
        if (!reader.TryPeek(out var first)) return false;
        if (_sendBuffer.Length < first.Length || _sendBuffer.Length < BufferSize || (_sendBuffer.Length > BufferSize && first.Length <= BufferSize))
        {
            // Sized for the next frame: a buffer grown for a large frame goes back once frames are small again.
            if (_sendBuffer.Length > 0) ArrayPool<byte>.Shared.Return(_sendBuffer);
            _sendBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(BufferSize, first.Length));
        }
        while (reader.TryPeek(out var frame) && _sendEnd + frame.Length <= _sendBuffer.Length && reader.TryRead(out frame))
        {
            frame.WrittenSpan.CopyTo(_sendBuffer.AsSpan(_sendEnd));
            _sendEnd += frame.Length;
            frame.Release();
        }
        return true;
    }

    private void ReceiveLoop()
    {
        // The pipe is this thread's buffer: the socket writes into its segments, frames are read from them
        // in place (a frame cut across segments is copied once). It never pauses: back-pressure is the
        // handlers' (see below), and nothing else reads or writes it.
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0, readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.Inline, minimumSegmentSize: BufferSize, useSynchronizationContext: false));
        try
        {
            var bufferFilled = false;
            while (true)
            {
                // Sleep in the kernel until there is something to read (close shuts the socket down, which wakes
                // it), unless the last read filled the buffer and more is likely waiting.
                if (!bufferFilled) _socket.Poll(-1, SelectMode.SelectRead);
                var memory = pipe.Writer.GetMemory(BufferSize / 4);
                var read = _socket.Receive(memory.Span, SocketFlags.None, out var error);
                bufferFilled = read == memory.Length;
                if (error == SocketError.WouldBlock) continue;
                if (error != SocketError.Success) throw new SocketException((int)error);
                if (read == 0) break;
                pipe.Writer.Advance(read);
                var flushing = pipe.Writer.FlushAsync();
                Debug.Assert(flushing.IsCompletedSuccessfully, "A pipe that never pauses flushes at once.");
                if (!pipe.Reader.TryRead(out var result)) continue;
                var buffer = result.Buffer;
                HandleFrames(ref buffer);
                pipe.Reader.AdvanceTo(buffer.Start, buffer.End);
            }
            Close(null);
        }
        catch (Exception exception)
        {
            Close(exception);
        }
        finally
        {
            pipe.Reader.Complete();
            pipe.Writer.Complete();
        }
    }

    /// <summary>Handles every whole frame of <paramref name="buffer"/>, which is left at the first incomplete one.</summary>
    private void HandleFrames(ref ReadOnlySequence<byte> buffer)
    {
        // Hold the flush while this batch is handled: the turns it starts (or the callers it resumes)
        // queue their frames, and one flush queued behind them all sends them together.
        var holdsFlush = Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0;
        try
        {
            while (TryReadFrame(ref buffer, out var frame))
            {
                var handling = Handle(frame);
                if (handling.IsCompletedSuccessfully) continue;
                // Only a full send queue makes a handler wait: this thread (and so the peer) waits with it,
                // and the held flush must run for the queue to drain.
                if (holdsFlush) QueueFlush();
                holdsFlush = false;
                handling.AsTask().GetAwaiter().GetResult();
            }
        }
        finally
        {
            if (holdsFlush) QueueFlush();
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
        Volatile.Read(ref _stalled)?.Release();
        // Frames still queued go back to the pool unless a flush owns the queue (it releases them itself).
        if (Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
            while (_outbound.Reader.TryRead(out var frame)) frame.Release();
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
