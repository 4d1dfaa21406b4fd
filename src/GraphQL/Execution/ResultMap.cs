using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Marketplace.GraphQL.Execution;

/// <summary>
/// An ordered response object: field keys in selection order. The keys array is shared by every
/// object of the same selection; values are filled as resolvers complete. Read-only to callers.
/// </summary>
public sealed class ResultMap : ResultNode, IReadOnlyDictionary<string, object?>
{
    private readonly CollectedFields _fields; // keys shared by every object of the selection
    private readonly object?[] _values;

    internal ResultMap(CollectedFields fields)
    {
        _fields = fields;
        _values = fields.Keys.Length == 0 ? [] : new object?[fields.Keys.Length];
    }

    /// <summary>The selection this object answers (its keys are the executable fields' response keys).</summary>
    internal CollectedFields Fields => _fields;

    /// <summary>The keys pre-encoded for the JSON writer.</summary>
    internal JsonEncodedText[] EncodedKeys => _fields.EncodedKeys;

    public int Count => _fields.Keys.Length;

    internal override void Set(int index, object? value) => _values[index] = value;
    internal override object KeyOf(int index) => _fields.Keys[index];

    public string KeyAt(int index) => _fields.Keys[index];
    public object? ValueAt(int index) => _values[index];

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    // Read-only views: the keys array is shared with other objects, the values belong to the response.
    public IEnumerable<string> Keys => Array.AsReadOnly(_fields.Keys);
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
        for (var i = 0; i < _fields.Keys.Length; i++)
            if (string.Equals(_fields.Keys[i], key, StringComparison.Ordinal)) return i;
        return -1;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < _fields.Keys.Length; i++) yield return new KeyValuePair<string, object?>(_fields.Keys[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
