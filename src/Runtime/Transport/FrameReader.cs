using System.Buffers.Binary;
using System.Text;

namespace Marketplace.Runtime.Transport;

internal enum FrameKind : byte { Request = 1, Response = 2, Error = 3, Ping = 4, Pong = 5, StreamDelivery = 6 }

/// <summary>
/// Layout of a frame on a connection (all numbers little-endian):
/// <c>[length:4][kind:1][call id:8][kind-specific header][values]</c>. Header fields are numbers and
/// length-prefixed UTF-8 strings (length -1 for null) written by <see cref="FrameWriter"/>; values
/// (arguments, results, errors and stream payloads) are written by <see cref="Serialization.WireSerializer"/>, the one serializer.
/// Request: flags, target silo, hops, sender's membership version, deadline, method index, grain type, grain key, interface, call
/// chain, trace parent (when flagged), the argument count, then each argument.
/// Response: the result. Error: a <see cref="RemoteError"/>. Ping: flags, target silo. Pong: nothing.
/// Stream delivery: flags, target silo, sequence, handle id, provider, grain type and key, stream
/// namespace and key, payload type, then the payload.
/// </summary>
internal static class WireFormat
{
    public const int LengthPrefixSize = 4;
    /// <summary>Kind and call id, common to every frame.</summary>
    public const int CommonHeaderSize = 1 + 8;
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    public const byte OneWayFlag = 1;
    public const byte TraceParentFlag = 2;
    public const byte ImplicitFlag = 1;
}

/// <summary>Reads the fields <see cref="FrameWriter"/> wrote, checking every length against the frame so a corrupt frame fails cleanly.</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> frame)
{
    private ReadOnlySpan<byte> _rest = frame;

    /// <summary>How deep the value being read is nested (see <see cref="Serialization.WireDepth"/>).</summary>
    public int Depth;

    public readonly ReadOnlySpan<byte> Rest => _rest;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadSpan(int count) => Take(count);

    public Guid ReadGuid() => new(Take(16));

    /// <summary>The UTF-8 bytes of a string field; <paramref name="isNull"/> when it was written as null.</summary>
    public ReadOnlySpan<byte> ReadUtf8(out bool isNull)
    {
        var length = ReadInt32();
        isNull = length == -1;
        if (isNull) return default;
        return Take(length);
    }

    public string? ReadString()
    {
        var utf8 = ReadUtf8(out var isNull);
        return isNull ? null : Encoding.UTF8.GetString(utf8);
    }

    public string ReadRequiredString(string field) =>
        ReadString() ?? throw new InvalidDataException($"The frame has no {field}.");

    /// <summary>A section written between <see cref="FrameWriter.BeginSection"/> and <see cref="FrameWriter.EndSection"/>.</summary>
    public ReadOnlySpan<byte> ReadSection() => Take(ReadInt32());

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _rest.Length)
            throw new InvalidDataException($"The frame is truncated or corrupt: a field of {count} bytes with {_rest.Length} left.");
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
