using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
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
/// One TCP connection carrying frames laid out as <see cref="WireFormat"/> describes, on a blocking socket.
/// Sending: senders encode their frame on their own thread and queue it in a bounded channel (they wait
/// when it is full: back-pressure); the first frame queued while no flush is pending schedules one pool
/// work item, which copies every frame queued by then into one buffer and writes it with one send.
/// Receiving: a thread of the connection's own sits in the kernel until bytes arrive, decodes the frames
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
    private int _flushScheduled;

    public Connection(Socket socket, string remote, int sendQueueLimit, InboundFrameHandler? onRequest, ILogger logger, SiloAddress? peerSilo = null)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _socket.Blocking = true;
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
        if (Volatile.Read(ref _flushScheduled) == 0 && Interlocked.CompareExchange(ref _flushScheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Fails calls whose deadline passed (their callers already timed out) so they do not pile up.</summary>
    public void ForgetExpired(DateTimeOffset now)
    {
        foreach (var (id, call) in _outstanding)
            if (call.Deadline < now && _outstanding.TryRemove(id, out _)) call.Fail(new TimeoutException($"No response from {Remote}."));
    }

    /// <summary>
    /// The flush, on a pool thread: drains the queue into one buffer and sends it, until the queue is empty.
    /// Queued at the back of the pool's global queue, so the turns queued before it (a wave of grain calls)
    /// add their frames first: one send for the lot. A send blocks only while the peer's receive buffer is
    /// full, which is back-pressure from a slow peer; a dead one is closed by membership and the send fails.
    /// </summary>
    void IThreadPoolWorkItem.Execute()
    {
        var reader = _outbound.Reader;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var pending = 0;
        try
        {
            while (!IsClosed)
            {
                if (!reader.TryRead(out var frame))
                {
                    if (pending > 0)
                    {
                        SendAll(buffer.AsSpan(0, pending));
                        pending = 0;
                        continue;
                    }
                    Volatile.Write(ref _flushScheduled, 0);
                    // A frame queued after the last TryRead but before the flag was cleared saw it set: take it.
                    if (reader.Count == 0 || Interlocked.CompareExchange(ref _flushScheduled, 1, 0) != 0) return;
                    continue;
                }
                try
                {
                    if (pending + frame.Length > buffer.Length && pending > 0)
                    {
                        SendAll(buffer.AsSpan(0, pending));
                        pending = 0;
                    }
                    if (frame.Length > buffer.Length) SendAll(frame.WrittenSpan);
                    else
                    {
                        frame.WrittenSpan.CopyTo(buffer.AsSpan(pending));
                        pending += frame.Length;
                    }
                }
                finally
                {
                    frame.Release();
                }
            }
            while (reader.TryRead(out var left)) left.Release();
        }
        catch (Exception exception)
        {
            Close(exception);
            while (reader.TryRead(out var left)) left.Release();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void SendAll(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0) bytes = bytes[_socket.Send(bytes, SocketFlags.None)..];
    }

    private void ReceiveLoop()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        int start = 0, end = 0;
        try
        {
            while (true)
            {
                if (end == buffer.Length) buffer = MakeRoom(buffer, ref start, ref end, buffer.Length - start + 1);
                var read = _socket.Receive(buffer, end, buffer.Length - end, SocketFlags.None);
                if (read == 0) break;
                end += read;
                while (end - start >= WireFormat.LengthPrefixSize)
                {
                    var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(start));
                    if (length < WireFormat.CommonHeaderSize || length > WireFormat.MaxFrameBytes)
                        throw new InvalidDataException($"Frame of {length} bytes is out of bounds.");
                    var frameEnd = start + WireFormat.LengthPrefixSize + length;
                    if (frameEnd > end)
                    {
                        // Partly read: make sure the whole frame will fit before reading on.
                        if (frameEnd > buffer.Length) buffer = MakeRoom(buffer, ref start, ref end, frameEnd - start);
                        break;
                    }
                    var handling = Handle(buffer.AsSpan(start + WireFormat.LengthPrefixSize, length));
                    start = frameEnd;
                    // Only a full send queue makes a handler wait: this thread (and so the peer) waits with it.
                    if (!handling.IsCompletedSuccessfully) handling.AsTask().GetAwaiter().GetResult();
                }
                if (start == end) start = end = 0;
            }
            Close(null);
        }
        catch (Exception exception)
        {
            Close(exception);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Moves the unread bytes to the front, into a larger buffer when <paramref name="needed"/> bytes would not fit.</summary>
    private static byte[] MakeRoom(byte[] buffer, ref int start, ref int end, int needed)
    {
        var target = needed <= buffer.Length ? buffer : ArrayPool<byte>.Shared.Rent(needed);
        buffer.AsSpan(start, end - start).CopyTo(target);
        if (!ReferenceEquals(target, buffer)) ArrayPool<byte>.Shared.Return(buffer);
        end -= start;
        start = 0;
        return target;
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
        // No flush will run any more: frames still queued go back to the pool (a running flush releases its own).
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
