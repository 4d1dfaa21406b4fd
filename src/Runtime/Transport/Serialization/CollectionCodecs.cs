namespace Marketplace.Runtime.Transport.Serialization;

/// <summary>The element count (-1 for null), then the elements.</summary>
internal sealed class ArrayCodec<T>(WireValueCodec<T> element) : WireValueCodec<T[]>
{
    public override void Write(FrameWriter writer, T[] value)
    {
        if (value is null)
        {
            writer.WriteInt32(-1);
            return;
        }
        WireDepth.Enter(writer, typeof(T[]));
        writer.WriteInt32(value.Length);
        foreach (var item in value) element.Write(writer, item);
        writer.Depth--;
    }

    public override T[] Read(ref FrameReader reader)
    {
        var count = WireDepth.ReadCount(ref reader, typeof(T[]));
        if (count < 0) return null!;
        WireDepth.Enter(ref reader, typeof(T[]));
        var items = new T[count];
        for (var i = 0; i < count; i++) items[i] = element.Read(ref reader);
        reader.Depth--;
        return items;
    }
}

/// <summary>
/// <see cref="List{T}"/> and the list interfaces (read back as a <see cref="List{T}"/>, as System.Text.Json does):
/// the count (-1 for null), then the elements. Any implementation is written by enumerating it.
/// </summary>
internal sealed class ListCodec<TList, T>(WireValueCodec<T> element) : WireValueCodec<TList> where TList : class, IEnumerable<T>
{
    public override void Write(FrameWriter writer, TList value)
    {
        if (value is null)
        {
            writer.WriteInt32(-1);
            return;
        }
        WireDepth.Enter(writer, typeof(TList));
        var countAt = writer.ReserveInt32();
        var count = 0;
        foreach (var item in value)
        {
            element.Write(writer, item);
            count++;
        }
        writer.PatchInt32(countAt, count);
        writer.Depth--;
    }

    public override TList Read(ref FrameReader reader)
    {
        var count = WireDepth.ReadCount(ref reader, typeof(TList));
        if (count < 0) return null!;
        WireDepth.Enter(ref reader, typeof(TList));
        var items = new List<T>(count);
        for (var i = 0; i < count; i++) items.Add(element.Read(ref reader));
        reader.Depth--;
        return (TList)(object)items;
    }
}

/// <summary><see cref="Dictionary{TKey,TValue}"/> and its interfaces (read back as a dictionary): the count (-1 for null), then key, value pairs.</summary>
internal sealed class DictionaryCodec<TDictionary, TKey, TValue>(WireValueCodec<TKey> key, WireValueCodec<TValue> value) : WireValueCodec<TDictionary>
    where TDictionary : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    public override void Write(FrameWriter writer, TDictionary dictionary)
    {
        if (dictionary is null)
        {
            writer.WriteInt32(-1);
            return;
        }
        WireDepth.Enter(writer, typeof(TDictionary));
        var countAt = writer.ReserveInt32();
        var count = 0;
        foreach (var (k, v) in dictionary)
        {
            key.Write(writer, k);
            value.Write(writer, v);
            count++;
        }
        writer.PatchInt32(countAt, count);
        writer.Depth--;
    }

    public override TDictionary Read(ref FrameReader reader)
    {
        var count = WireDepth.ReadCount(ref reader, typeof(TDictionary));
        if (count < 0) return null!;
        WireDepth.Enter(ref reader, typeof(TDictionary));
        var items = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var k = key.Read(ref reader) ?? throw new InvalidDataException($"The frame is corrupt: a null key in a {typeof(TDictionary).Name}.");
            if (!items.TryAdd(k, value.Read(ref reader)))
                throw new InvalidDataException($"The frame is corrupt: the key '{k}' twice in a {typeof(TDictionary).Name}.");
        }
        reader.Depth--;
        return (TDictionary)(object)items;
    }
}
