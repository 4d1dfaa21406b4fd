using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// One outbound frame, built on the sender's thread in a buffer rented from the shared pool and
/// handed to the connection's writer loop, which copies it into the socket pipe and releases it.
/// Header fields are written as fixed-size little-endian numbers and length-prefixed UTF-8; values
/// (arguments, results, errors, stream payloads) by <see cref="Serialization.WireSerializer"/>'s codecs,
/// and the values it leaves to System.Text.Json straight in here, which is why it is an <see cref="IBufferWriter{T}"/>.
/// </summary>
internal sealed class FrameWriter : IBufferWriter<byte>
{
    /// <summary>Room for the length prefix, kind and call id of most frames plus a small payload, from the pool's smaller buckets.</summary>
    private const int InitialSize = 512;

    private byte[] _buffer;
    private int _written;

    /// <summary>Starts a frame: length prefix (patched by <see cref="Complete"/>), kind and call id.</summary>
    public FrameWriter(FrameKind kind, long callId)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        _written = WireFormat.LengthPrefixSize;
        WriteByte((byte)kind);
        WriteInt64(callId);
    }

    public FrameKind Kind => (FrameKind)_buffer[WireFormat.LengthPrefixSize];

    /// <summary>The whole frame, length prefix included, once <see cref="Complete"/> was called.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public int Length => _written;

    /// <summary>Writes the length prefix; the frame can be sent from now on.</summary>
    public FrameWriter Complete()
    {
        var length = _written - WireFormat.LengthPrefixSize;
        if (length > WireFormat.MaxFrameBytes)
        {
            Release();
            throw new InvalidOperationException($"The message is {length} bytes; frames are limited to {WireFormat.MaxFrameBytes} bytes.");
        }
        BinaryPrimitives.WriteInt32LittleEndian(_buffer, length);
        return this;
    }

    /// <summary>Gives the buffer back to the pool; the frame must not be used afterwards.</summary>
    public void Release()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
    }

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        _written++;
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        _written += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);
        _written += 8;
    }

    public void WriteGuid(Guid value)
    {
        value.TryWriteBytes(GetSpan(16));
        _written += 16;
    }

    /// <summary>Length (-1 for null) and UTF-8 bytes.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }
        var span = GetSpan(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var length = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(span, length);
        _written += 4 + length;
    }

    /// <summary>A string already encoded (cached silo identities): same layout as <see cref="WriteString"/>.</summary>
    public void WriteUtf8(ReadOnlySpan<byte> utf8)
    {
        var span = GetSpan(4 + utf8.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, utf8.Length);
        utf8.CopyTo(span[4..]);
        _written += 4 + utf8.Length;
    }

    /// <summary>How deep the value being written is nested (see <see cref="Serialization.WireDepth"/>).</summary>
    public int Depth { get; set; }

    /// <summary>Leaves room for a number known only later (a count, a length); <see cref="PatchInt32"/> fills it.</summary>
    public int ReserveInt32()
    {
        GetSpan(4);
        var at = _written;
        _written += 4;
        return at;
    }

    public void PatchInt32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at), value);

    /// <summary>Reserves a 4-byte length for a section written next; <see cref="EndSection"/> fills it.</summary>
    public int BeginSection() => ReserveInt32();

    public void EndSection(int at) => PatchInt32(at, _written - at - 4);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed <= _buffer.Length) return;
        if (_buffer.Length == 0) throw new ObjectDisposedException(nameof(FrameWriter), "The frame was already sent or released.");
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
        _buffer.AsSpan(0, _written).CopyTo(grown);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }
}
