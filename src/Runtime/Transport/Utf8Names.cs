using System.Collections.Concurrent;
using System.Text;

namespace Marketplace.Runtime.Transport;

/// <summary>
/// Names that repeat on every frame (grain types, interfaces) looked up from their UTF-8 bytes without
/// allocating a string each time. Only names the caller accepts are kept, so a peer sending arbitrary
/// names cannot grow it.
/// </summary>
internal sealed class Utf8Names<TValue> where TValue : class
{
    private const int MaxStackChars = 256;

    private readonly ConcurrentDictionary<string, TValue> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public Utf8Names() => _bySpan = _byName.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// The value kept for <paramref name="utf8"/>, else <paramref name="resolve"/>'s (kept when not null).
    /// </summary>
    public TValue? Get<TState>(ReadOnlySpan<byte> utf8, Func<string, TState, TValue?> resolve, TState state)
    {
        if (utf8.Length <= MaxStackChars)
        {
            Span<char> chars = stackalloc char[MaxStackChars];
            if (Encoding.UTF8.TryGetChars(utf8, chars, out var count) && _bySpan.TryGetValue(chars[..count], out var known))
                return known;
        }
        var name = Encoding.UTF8.GetString(utf8);
        if (_byName.TryGetValue(name, out var found)) return found;
        var resolved = resolve(name, state);
        if (resolved is not null) _byName.TryAdd(name, resolved);
        return resolved;
    }
}
