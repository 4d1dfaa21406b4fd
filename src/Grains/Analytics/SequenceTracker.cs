namespace Marketplace.Grains.Analytics;

/// <summary>
/// Which sequences of one source were applied: everything up to <see cref="Watermark"/> plus the
/// sorted out-of-order ones above it. Makes application exactly-once under duplicates and reordering.
/// Public setters only for the state serializer.
/// </summary>
public sealed class SequenceTracker
{
    public long Watermark { get; set; }
    public List<long> Above { get; set; } = [];

    public bool HasApplied(long sequence) => sequence <= Watermark || Above.BinarySearch(sequence) >= 0;

    /// <summary>Marks the sequence applied; false when it already was.</summary>
    public bool TryMarkApplied(long sequence)
    {
        if (sequence <= 0) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        if (sequence <= Watermark) return false;
        var index = Above.BinarySearch(sequence);
        if (index >= 0) return false;
        Above.Insert(~index, sequence);
        // Fold the contiguous run into the watermark so the set stays small when sequences are dense.
        while (Above.Count > 0 && Above[0] == Watermark + 1)
        {
            Watermark++;
            Above.RemoveAt(0);
        }
        return true;
    }
}
