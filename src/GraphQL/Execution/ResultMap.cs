using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// An ordered response object: field keys in selection order. Slots are reserved when fields are
/// collected and filled as resolvers complete. Read-only to callers.
/// </summary>
public sealed class ResultMap : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly string[] _keys;
    private readonly object?[] _values;

    internal ResultMap(int capacity)
    {
        _keys = new string[capacity];
        _values = new object?[capacity];
    }

    public int Count { get; private set; }

    internal int Add(string key)
    {
        _keys[Count] = key;
        return Count++;
    }

    internal override void Set(int index, object? value) => _values[index] = value;

    public string KeyAt(int index) => _keys[index];
    public object? ValueAt(int index) => _values[index];

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => _keys.Take(Count);
    public IEnumerable<object?> Values => _values.Take(Count);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < Count; i++)
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return new KeyValuePair<string, object?>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
