using System.Globalization;
using System.Text;

namespace Marketplace.Grains.Analytics;

/// <summary>
/// Which sequences of one source were applied: everything up to <see cref="Watermark"/> plus the
/// out-of-order ones above it, as sorted, disjoint, non-adjacent ranges. Makes application exactly-once
/// under duplicates and reordering. Its size is bounded by the number of gaps, not by the sequences seen:
/// a source whose early versions never reach this aggregate (an item that moved here from another
/// category) keeps one range however many versions follow. Public setters only for serializers.
/// </summary>
public sealed class SequenceTracker
{
    public long Watermark { get; set; }

    /// <summary>Applied sequences above <see cref="Watermark"/> + 1, ascending ranges with gaps between them.</summary>
    public List<SequenceRange> Above { get; set; } = [];

    public bool HasApplied(long sequence)
    {
        if (sequence <= Watermark) return true;
        var index = Find(sequence);
        return index >= 0;
    }

    /// <summary>Marks the sequence applied; false when it already was.</summary>
    public bool TryMarkApplied(long sequence)
    {
        if (sequence <= 0) throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "Sequences start at 1.");
        if (sequence <= Watermark) return false;
        var index = Find(sequence);
        if (index >= 0) return false;
        var at = ~index; // first range starting above the sequence
        var joinsPrevious = at > 0 && Above[at - 1].Last == sequence - 1;
        var joinsNext = at < Above.Count && Above[at].First == sequence + 1;
        if (joinsPrevious && joinsNext)
        {
            Above[at - 1] = new SequenceRange(Above[at - 1].First, Above[at].Last);
            Above.RemoveAt(at);
        }
        else if (joinsPrevious) Above[at - 1] = Above[at - 1] with { Last = sequence };
        else if (joinsNext) Above[at] = Above[at] with { First = sequence };
        else Above.Insert(at, new SequenceRange(sequence, sequence));
        // Fold the contiguous run into the watermark so the set stays empty when sequences are dense.
        if (Above.Count > 0 && Above[0].First == Watermark + 1)
        {
            Watermark = Above[0].Last;
            Above.RemoveAt(0);
        }
        return true;
    }

    /// <summary>Index of the range holding the sequence, else the bitwise complement of the first range starting above it.</summary>
    private int Find(long sequence)
    {
        int low = 0, high = Above.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var range = Above[middle];
            if (sequence < range.First) high = middle - 1;
            else if (sequence > range.Last) low = middle + 1;
            else return middle;
        }
        return ~low;
    }

    /// <summary>Compact text for a fact row: "watermark" or "watermark;first-last,first-last".</summary>
    public string Encode()
    {
        if (Above.Count == 0) return Watermark.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder().Append(Watermark.ToString(CultureInfo.InvariantCulture)).Append(';');
        for (var i = 0; i < Above.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append(Above[i].First.ToString(CultureInfo.InvariantCulture)).Append('-').Append(Above[i].Last.ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    public static SequenceTracker Decode(string text)
    {
        var tracker = new SequenceTracker();
        if (string.IsNullOrEmpty(text)) return tracker;
        var parts = text.Split(';', 2);
        tracker.Watermark = long.Parse(parts[0], CultureInfo.InvariantCulture);
        if (parts.Length == 2 && parts[1].Length > 0)
            foreach (var range in parts[1].Split(','))
            {
                var bounds = range.Split('-', 2);
                tracker.Above.Add(new SequenceRange(long.Parse(bounds[0], CultureInfo.InvariantCulture), long.Parse(bounds[1], CultureInfo.InvariantCulture)));
            }
        return tracker;
    }
}

/// <summary>Sequences <paramref name="First"/> to <paramref name="Last"/>, both included.</summary>
public readonly record struct SequenceRange(long First, long Last);
