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
    public override void Write(FrameWriter writer, TList value) => Sequence.Write(writer, value, element);

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
    private readonly PairCodec<TKey, TValue> _pair = new(key, value);

    public override void Write(FrameWriter writer, TDictionary dictionary) => Sequence.Write(writer, dictionary, _pair);

    public override TDictionary Read(ref FrameReader reader)
    {
        var count = WireDepth.ReadCount(ref reader, typeof(TDictionary));
        if (count < 0) return null!;
        WireDepth.Enter(ref reader, typeof(TDictionary));
        var items = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var (k, v) = _pair.Read(ref reader);
            if (k is null) throw new InvalidDataException($"The frame is corrupt: a null key in a {typeof(TDictionary).Name}.");
            if (!items.TryAdd(k, v)) throw new InvalidDataException($"The frame is corrupt: the key '{k}' twice in a {typeof(TDictionary).Name}.");
        }
        reader.Depth--;
        return (TDictionary)(object)items;
    }
}

/// <summary>Writes any enumerable as a count (-1 for null) and its items, in one pass: the count is filled in after them.</summary>
internal static class Sequence
{
    public static void Write<TItem>(FrameWriter writer, IEnumerable<TItem>? items, WireValueCodec<TItem> item)
    {
        if (items is null)
        {
            writer.WriteInt32(-1);
            return;
        }
        WireDepth.Enter(writer, items.GetType());
        var countAt = writer.ReserveInt32();
        var count = 0;
        foreach (var each in items)
        {
            item.Write(writer, each);
            count++;
        }
        writer.PatchInt32(countAt, count);
        writer.Depth--;
    }
}

/// <summary>A dictionary entry: its key, then its value.</summary>
internal sealed class PairCodec<TKey, TValue>(WireValueCodec<TKey> key, WireValueCodec<TValue> value) : WireValueCodec<KeyValuePair<TKey, TValue>>
{
    public override void Write(FrameWriter writer, KeyValuePair<TKey, TValue> pair)
    {
        key.Write(writer, pair.Key);
        value.Write(writer, pair.Value);
    }

    public override KeyValuePair<TKey, TValue> Read(ref FrameReader reader) => new(key.Read(ref reader), value.Read(ref reader));
}
