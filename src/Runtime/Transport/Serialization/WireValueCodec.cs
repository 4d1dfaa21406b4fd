namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>
/// Writes values of one type into a frame and reads them back, in the wire's binary layout (see
/// <see cref="WireSerializer"/>). The untyped members serve arguments and stream payloads, which
/// travel as objects; results and members of records use the typed ones and are never boxed on the way out.
/// </summary>
internal abstract class WireValueCodec
{
    public abstract void WriteBoxed(FrameWriter writer, object? value);

    public abstract object? ReadBoxed(ref FrameReader reader);
}

internal abstract class WireValueCodec<T> : WireValueCodec
{
    public abstract void Write(FrameWriter writer, T value);

    public abstract T Read(ref FrameReader reader);

    public override void WriteBoxed(FrameWriter writer, object? value) => Write(writer, (T)value!);

    public override object? ReadBoxed(ref FrameReader reader) => Read(ref reader);
}

/// <summary>Bounds how deep values nest, so a cyclic object graph or a hostile frame fails cleanly instead of overflowing the stack.</summary>
internal static class WireDepth
{
    public const int Max = 64;

    public static void Enter(FrameWriter writer, Type type)
    {
        if (++writer.Depth > Max)
            throw new InvalidOperationException($"A {type.Name} is nested more than {Max} levels deep (is there a cycle in the object graph?).");
    }

    public static void Enter(ref FrameReader reader, Type type)
    {
        if (++reader.Depth > Max)
            throw new InvalidDataException($"A {type.Name} in the frame is nested more than {Max} levels deep.");
    }

    /// <summary>A count of elements read from the frame: every element takes at least one byte, so a larger count is corrupt.</summary>
    public static int ReadCount(ref FrameReader reader, Type type)
    {
        var count = reader.ReadInt32();
        if (count < -1 || count > reader.Rest.Length)
            throw new InvalidDataException($"The frame is corrupt: a {type.Name} of {count} elements with {reader.Rest.Length} bytes left.");
        return count;
    }
}
