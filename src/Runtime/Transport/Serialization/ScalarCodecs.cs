using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>Fixed-size numbers, chars and enums: their bytes, little-endian.</summary>
internal sealed class ScalarCodec<T> : WireValueCodec<T> where T : unmanaged
{
    private static readonly int Size = Unsafe.SizeOf<T>();

    public override void Write(FrameWriter writer, T value)
    {
        var span = writer.GetSpan(Size)[..Size];
        MemoryMarshal.Write(span, in value);
        if (!BitConverter.IsLittleEndian) span.Reverse();
        writer.Advance(Size);
    }

    public override T Read(ref FrameReader reader)
    {
        var bytes = reader.ReadSpan(Size);
        if (BitConverter.IsLittleEndian) return MemoryMarshal.Read<T>(bytes);
        Span<byte> swapped = stackalloc byte[Size];
        bytes.CopyTo(swapped);
        swapped.Reverse();
        return MemoryMarshal.Read<T>(swapped);
    }
}

internal sealed class BooleanCodec : WireValueCodec<bool>
{
    public override void Write(FrameWriter writer, bool value) => writer.WriteByte(value ? (byte)1 : (byte)0);

    public override bool Read(ref FrameReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"The frame is corrupt: {other} is not a boolean."),
    };
}

/// <summary>Its four 32-bit parts: exact, scale included (1.10 stays 1.10).</summary>
internal sealed class DecimalCodec : WireValueCodec<decimal>
{
    public override void Write(FrameWriter writer, decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        foreach (var part in parts) writer.WriteInt32(part);
    }

    public override decimal Read(ref FrameReader reader)
    {
        Span<int> parts = [reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()];
        try
        {
            return new decimal(parts);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException("The frame is corrupt: not a decimal.", exception);
        }
    }
}

internal sealed class StringCodec : WireValueCodec<string>
{
    public override void Write(FrameWriter writer, string value) => writer.WriteString(value);

    public override string Read(ref FrameReader reader) => reader.ReadString()!;
}

internal sealed class BytesCodec : WireValueCodec<byte[]>
{
    public override void Write(FrameWriter writer, byte[] value)
    {
        if (value is null) writer.WriteInt32(-1);
        else writer.WriteUtf8(value);
    }

    public override byte[] Read(ref FrameReader reader)
    {
        var bytes = reader.ReadUtf8(out var isNull);
        return isNull ? null! : bytes.ToArray();
    }
}

internal sealed class GuidCodec : WireValueCodec<Guid>
{
    public override void Write(FrameWriter writer, Guid value) => writer.WriteGuid(value);

    public override Guid Read(ref FrameReader reader) => reader.ReadGuid();
}

/// <summary><see cref="DateTime.ToBinary"/>: ticks and kind.</summary>
internal sealed class DateTimeCodec : WireValueCodec<DateTime>
{
    public override void Write(FrameWriter writer, DateTime value) => writer.WriteInt64(value.ToBinary());

    public override DateTime Read(ref FrameReader reader)
    {
        try
        {
            return DateTime.FromBinary(reader.ReadInt64());
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException("The frame is corrupt: not a date and time.", exception);
        }
    }
}

/// <summary>Local ticks and the offset in minutes, so the offset survives as in ISO 8601 text.</summary>
internal sealed class DateTimeOffsetCodec : WireValueCodec<DateTimeOffset>
{
    public override void Write(FrameWriter writer, DateTimeOffset value)
    {
        writer.WriteInt64(value.Ticks);
        var span = writer.GetSpan(2);
        BinaryPrimitives.WriteInt16LittleEndian(span, (short)value.TotalOffsetMinutes);
        writer.Advance(2);
    }

    public override DateTimeOffset Read(ref FrameReader reader)
    {
        var ticks = reader.ReadInt64();
        var offset = BinaryPrimitives.ReadInt16LittleEndian(reader.ReadSpan(2));
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offset));
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException("The frame is corrupt: not a date and time.", exception);
        }
    }
}

internal sealed class TimeSpanCodec : WireValueCodec<TimeSpan>
{
    public override void Write(FrameWriter writer, TimeSpan value) => writer.WriteInt64(value.Ticks);

    public override TimeSpan Read(ref FrameReader reader) => new(reader.ReadInt64());
}

/// <summary>A presence byte, then the value.</summary>
internal sealed class NullableCodec<T>(WireValueCodec<T> value) : WireValueCodec<T?> where T : struct
{
    public override void Write(FrameWriter writer, T? item)
    {
        writer.WriteByte(item.HasValue ? (byte)1 : (byte)0);
        if (item.HasValue) value.Write(writer, item.Value);
    }

    public override T? Read(ref FrameReader reader) => reader.ReadByte() == 0 ? null : value.Read(ref reader);
}
