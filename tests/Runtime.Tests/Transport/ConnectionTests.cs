using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Marketplace.Runtime.Cluster;
using Marketplace.Runtime.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketplace.Runtime.Tests.Transport;

/// <summary>The connection alone, over loopback sockets: framing, batching, matching answers to calls, and failing fast.</summary>
public sealed class ConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);
    private readonly Socket _listener = new(SocketType.Stream, ProtocolType.Tcp);
    private readonly List<IAsyncDisposable> _connections = [];
    private readonly List<Socket> _rawSockets = [];

    public Task InitializeAsync()
    {
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(8);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections) await connection.DisposeAsync();
        foreach (var socket in _rawSockets) socket.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task Concurrent_calls_with_large_and_small_bodies_interleaved_each_get_their_own_answer()
    {
        var (client, _) = await ConnectPairAsync(EchoReversed);
        var sizes = new[] { 1, 40_000, 0, 250_000, 9, 16_384, 3 };
        var calls = await Task.WhenAll(Enumerable.Range(0, 300).Select(i => Task.Run(async () =>
        {
            var body = Enumerable.Range(0, sizes[i % sizes.Length]).Select(b => (byte)(b * 7 + i)).ToArray();
            var call = new RecordingCall();
            Assert.True(client.TryTrack(call, out var id));
            await client.SendAsync(Frame(FrameKind.Request, id, body));
            return (body, answer: await call.Task.WaitAsync(Generous));
        })));

        foreach (var (body, (kind, answer)) in calls)
        {
            Assert.Equal(FrameKind.Response, kind);
            Assert.Equal(body.Reverse(), answer);
        }
    }

    [Fact]
    public async Task Answers_that_fill_the_send_queue_while_a_batch_is_read_still_all_go_out()
    {
        // The receiving side holds its flush while it handles a batch of requests; a handler that finds
        // the one-frame queue full must not wait for a flush that is only queued once the batch is done.
        var (client, _) = await ConnectPairAsync(EchoReversed, serverSendQueueLimit: 1);
        var calls = Enumerable.Range(0, 40).Select(_ => new RecordingCall()).ToArray();
        foreach (var call in calls)
        {
            Assert.True(client.TryTrack(call, out var id));
            await client.SendAsync(Frame(FrameKind.Request, id, new byte[20_000]));
        }

        foreach (var call in calls)
            Assert.Equal(FrameKind.Response, (await call.Task.WaitAsync(Generous)).Kind);
    }

    [Fact]
    public async Task Frames_sent_to_a_slow_reader_all_arrive_in_order_once_it_catches_up()
    {
        // The peer's window fills again and again: each time the flush hands over to the stalled-send thread
        // and back; no frame may be lost, duplicated or reordered on the way.
        var (client, peer) = await ConnectRawAsync(sendQueueLimit: 8, fixedBuffers: true);
        const int Frames = 300;
        var sending = Task.Run(async () =>
        {
            for (var id = 1; id <= Frames; id++)
                await client.SendAsync(Frame(FrameKind.Request, id, Enumerable.Repeat((byte)id, 20_000).ToArray()));
        });

        var received = new List<(long Id, bool Intact)>();
        var buffer = new List<byte>();
        var chunk = new byte[8 * 1024];
        using var timeout = new CancellationTokenSource(Generous);
        while (received.Count < Frames)
        {
            var read = await peer.ReceiveAsync(chunk, SocketFlags.None, timeout.Token);
            Assert.True(read > 0, "the connection closed early");
            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
            while (buffer.Count >= 4 && BinaryPrimitives.ReadInt32LittleEndian(buffer.GetRange(0, 4).ToArray()) is var length && buffer.Count >= 4 + length)
            {
                var frame = buffer.GetRange(4, length).ToArray();
                buffer.RemoveRange(0, 4 + length);
                var id = BinaryPrimitives.ReadInt64LittleEndian(frame.AsSpan(1));
                received.Add((id, frame.Skip(9).All(b => b == (byte)id)));
            }
            await Task.Delay(1); // a slow reader
        }

        await sending.WaitAsync(Generous);
        Assert.Equal(Enumerable.Range(1, Frames).Select(i => (long)i), received.Select(r => r.Id));
        Assert.All(received, r => Assert.True(r.Intact));
    }

    [Fact]
    public async Task A_peer_closing_mid_batch_fails_every_waiting_call_and_later_sends_fail_fast()
    {
        var (client, peer) = await ConnectRawAsync();
        var calls = Enumerable.Range(0, 20).Select(_ => new RecordingCall()).ToArray();
        foreach (var call in calls)
        {
            Assert.True(client.TryTrack(call, out var id));
            await client.SendAsync(Frame(FrameKind.Request, id, new byte[100]));
        }
        // The peer answers the first call, starts a second answer and dies half-way through it.
        var answer = Frame(FrameKind.Response, 1, [42]).WrittenSpan.ToArray();
        var torn = Frame(FrameKind.Response, 2, new byte[1000]).WrittenSpan[..300].ToArray();
        await peer.SendAsync(answer.Concat(torn).ToArray());
        await ReceiveAtLeastAsync(peer, 20 * 113);
        peer.Close();

        Assert.Equal([42], (await calls[0].Task.WaitAsync(Generous)).Body);
        foreach (var call in calls[1..])
            await Assert.ThrowsAsync<SiloUnavailableException>(() => call.Task.WaitAsync(Generous));
        await client.Closed.WaitAsync(Generous);

        var late = new RecordingCall();
        Assert.False(client.TryTrack(late, out _));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => late.Task);
        await Assert.ThrowsAsync<SiloUnavailableException>(async () => await client.SendAsync(Frame(FrameKind.Request, 99, [1])));
    }

    [Fact]
    public async Task A_sender_held_back_by_a_full_queue_is_released_with_an_error_when_the_connection_closes()
    {
        // The peer never reads: socket buffers fill, the flush waits in its send, then the one-frame queue fills.
        // Buffers of a fixed size: autotuning could otherwise let the flush take the queued frame (and
        // release the held sender without an error) just as the connection closes.
        var (client, _) = await ConnectRawAsync(sendQueueLimit: 1, fixedBuffers: true);
        var call = new RecordingCall();
        Assert.True(client.TryTrack(call, out var id));
        ValueTask blocked = default;
        // Socket buffers may still grow (autotuning) after the first stall: fill until a send stays held back.
        for (var settle = 0; settle < 20 && blocked.IsCompleted; settle++)
        {
            for (var i = 0; i < 2_000 && blocked.IsCompleted; i++)
                blocked = client.SendAsync(Frame(FrameKind.Request, id, new byte[256 * 1024]));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        Assert.False(blocked.IsCompleted, "the queue never filled");

        client.Close(null);
        await Assert.ThrowsAsync<SiloUnavailableException>(async () => await blocked.AsTask().WaitAsync(Generous));
        await Assert.ThrowsAsync<SiloUnavailableException>(() => call.Task.WaitAsync(Generous));
    }

    [Fact]
    public async Task A_frame_with_an_impossible_length_closes_the_connection_and_fails_its_calls()
    {
        var (client, peer) = await ConnectRawAsync();
        var call = new RecordingCall();
        Assert.True(client.TryTrack(call, out _));
        var garbage = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(garbage, -5);
        await peer.SendAsync(garbage);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => call.Task.WaitAsync(Generous));
        Assert.IsType<InvalidDataException>(error.InnerException);
        Assert.True(client.IsClosed);
    }

    [Fact]
    public async Task Calls_past_their_deadline_are_forgotten_with_a_timeout_and_others_keep_waiting()
    {
        var (client, _) = await ConnectRawAsync();
        var now = DateTimeOffset.UtcNow;
        var expired = new RecordingCall(now - TimeSpan.FromSeconds(1));
        var current = new RecordingCall(now + TimeSpan.FromMinutes(1));
        Assert.True(client.TryTrack(expired, out _));
        Assert.True(client.TryTrack(current, out _));

        client.ForgetExpired(now);

        await Assert.ThrowsAsync<TimeoutException>(() => expired.Task);
        Assert.False(current.Task.IsCompleted);
    }

    [Fact]
    public void A_truncated_header_field_is_reported_as_corrupt_data()
    {
        var frame = new FrameWriter(FrameKind.Request, 1);
        frame.WriteString("grain-type");
        var bytes = frame.Complete().WrittenSpan[(WireFormat.LengthPrefixSize + WireFormat.CommonHeaderSize)..^3].ToArray();
        frame.Release();

        var error = Assert.Throws<InvalidDataException>(() => new FrameReader(bytes).ReadString());
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Header_fields_read_back_as_written()
    {
        var handle = Guid.NewGuid();
        var frame = new FrameWriter(FrameKind.StreamDelivery, 77);
        frame.WriteByte(3);
        frame.WriteString(null);
        frame.WriteString("ünïcode €");
        frame.WriteInt64(-9);
        frame.WriteGuid(handle);
        var section = frame.BeginSection();
        frame.WriteInt32(12345);
        frame.EndSection(section);
        var bytes = frame.Complete().WrittenSpan.ToArray();
        frame.Release();

        Assert.Equal(bytes.Length - WireFormat.LengthPrefixSize, BinaryPrimitives.ReadInt32LittleEndian(bytes));
        Assert.Equal(FrameKind.StreamDelivery, (FrameKind)bytes[WireFormat.LengthPrefixSize]);
        Assert.Equal(77, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(WireFormat.LengthPrefixSize + 1)));
        var reader = new FrameReader(bytes.AsSpan(WireFormat.LengthPrefixSize + WireFormat.CommonHeaderSize));
        Assert.Equal(3, reader.ReadByte());
        Assert.Null(reader.ReadString());
        Assert.Equal("ünïcode €", reader.ReadString());
        Assert.Equal(-9, reader.ReadInt64());
        Assert.Equal(handle, reader.ReadGuid());
        var inner = new FrameReader(reader.ReadSection());
        Assert.Equal(12345, inner.ReadInt32());
        Assert.True(reader.Rest.IsEmpty);
    }

    private static ValueTask EchoReversed(Connection connection, FrameKind kind, long callId, ReadOnlySpan<byte> body)
    {
        var reversed = body.ToArray();
        Array.Reverse(reversed);
        return connection.SendAsync(Frame(FrameKind.Response, callId, reversed));
    }

    private static FrameWriter Frame(FrameKind kind, long callId, byte[] body)
    {
        var frame = new FrameWriter(kind, callId);
        body.CopyTo(frame.GetSpan(body.Length));
        frame.Advance(body.Length);
        return frame.Complete();
    }

    private async Task<(Connection Client, Connection Server)> ConnectPairAsync(InboundFrameHandler handler, int serverSendQueueLimit = 1_000)
    {
        var (clientSocket, serverSocket) = await SocketPairAsync();
        var client = Track(new Connection(clientSocket, "server", 1_000, null, NullLogger.Instance));
        var server = Track(new Connection(serverSocket, "client", serverSendQueueLimit, handler, NullLogger.Instance));
        client.Start();
        server.Start();
        return (client, server);
    }

    private async Task<(Connection Client, Socket Peer)> ConnectRawAsync(int sendQueueLimit = 1_000, bool fixedBuffers = false)
    {
        var (clientSocket, peer) = await SocketPairAsync();
        if (fixedBuffers)
        {
            // Setting a size turns the kernel's autotuning off for that buffer.
            clientSocket.SendBufferSize = 64 * 1024;
            peer.ReceiveBufferSize = 64 * 1024;
        }
        _rawSockets.Add(peer);
        var client = Track(new Connection(clientSocket, "peer", sendQueueLimit, null, NullLogger.Instance));
        client.Start();
        return (client, peer);
    }

    private async Task<(Socket Client, Socket Server)> SocketPairAsync()
    {
        var client = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var accepting = _listener.AcceptAsync();
        await client.ConnectAsync(_listener.LocalEndPoint!);
        return (client, await accepting);
    }

    private Connection Track(Connection connection)
    {
        _connections.Add(connection);
        return connection;
    }

    private static async Task ReceiveAtLeastAsync(Socket socket, int count)
    {
        var buffer = new byte[64 * 1024];
        var received = 0;
        using var timeout = new CancellationTokenSource(Generous);
        while (received < count)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0) break;
            received += read;
        }
    }

    private sealed class RecordingCall(DateTimeOffset? deadline = null)
        : TaskCompletionSource<(FrameKind Kind, byte[] Body)>(TaskCreationOptions.RunContinuationsAsynchronously), IOutstandingCall
    {
        public DateTimeOffset Deadline { get; } = deadline ?? DateTimeOffset.MaxValue;
        public void Complete(FrameKind kind, ReadOnlySpan<byte> body) => TrySetResult((kind, body.ToArray()));
        public void Fail(Exception exception) => TrySetException(exception);
    }
}
