using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// An ordered response object: field keys in selection order. The keys array is shared by every
/// object of the same selection; values are filled as resolvers complete. Read-only to callers.
/// </summary>
public sealed class ResultMap : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly string[] _keys;
    private readonly object?[] _values;

    internal ResultMap(string[] keys)
    {
        _keys = keys;
        _values = keys.Length == 0 ? [] : new object?[keys.Length];
    }

    public int Count => _keys.Length;

    internal override void Set(int index, object? value) => _values[index] = value;
    internal override object KeyOf(int index) => _keys[index];

    public string KeyAt(int index) => _keys[index];
    public object? ValueAt(int index) => _values[index];

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    // Read-only views: the keys array is shared with other objects, the values belong to the response.
    public IEnumerable<string> Keys => Array.AsReadOnly(_keys);
    public IEnumerable<object?> Values => Array.AsReadOnly(_values);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _values[index] : null;
        return index >= 0;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < _keys.Length; i++)
            if (string.Equals(_keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++) yield return new KeyValuePair<string, object?>(_keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
