namespace Marketplace.GraphQL.Validation.Fields.Merging;

/// <summary>Identity of a set of field nodes checked in one mode (memoises repeated work).</summary>
internal sealed class FieldSetKey : IEquatable<FieldSetKey>
{
    private readonly int[] _ids;
    private readonly bool _shapeOnly;
    private readonly int _hash;

    public FieldSetKey(IReadOnlyList<FieldEntry> entries, bool shapeOnly)
    {
        _ids = new int[entries.Count];
        for (var i = 0; i < _ids.Length; i++) _ids[i] = entries[i].Id;
        Array.Sort(_ids);
        _shapeOnly = shapeOnly;
        var hash = new HashCode();
        hash.Add(shapeOnly);
        foreach (var id in _ids) hash.Add(id);
        _hash = hash.ToHashCode();
    }

    public bool Equals(FieldSetKey? other) =>
        other is not null && other._shapeOnly == _shapeOnly && other._hash == _hash && other._ids.AsSpan().SequenceEqual(_ids);

    public override bool Equals(object? obj) => Equals(obj as FieldSetKey);
    public override int GetHashCode() => _hash;
}
