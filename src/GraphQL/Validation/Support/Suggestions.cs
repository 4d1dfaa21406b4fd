namespace Marketplace.GraphQL.Validation.Support;

/// <summary>"Did you mean ...?" hints for misspelled names (edit distance, case-insensitive).</summary>
internal static class Suggestions
{
    private const int MaxShown = 5;

    /// <summary>Options close to <paramref name="input"/>, closest first.</summary>
    public static IReadOnlyList<string> Similar(string input, IEnumerable<string> options)
    {
        var threshold = input.Length * 4 / 10 + 1;
        var lowered = input.ToLowerInvariant();
        var scored = new List<(string Option, int Distance)>();
        foreach (var option in options)
        {
            var distance = option.ToLowerInvariant() == lowered ? 1 : Distance(lowered, option.ToLowerInvariant(), threshold);
            if (distance <= threshold) scored.Add((option, distance));
        }

        return scored.OrderBy(s => s.Distance).ThenBy(s => s.Option, StringComparer.Ordinal).Select(s => s.Option).ToArray();
    }

    /// <summary>Formats " Did you mean "a", "b", or "c"?" (empty when there is nothing to suggest).</summary>
    public static string DidYouMean(IReadOnlyList<string> names, string? subject = null)
    {
        if (names.Count == 0) return "";
        var quoted = names.Take(MaxShown).Select(n => $"\"{n}\"").ToArray();
        var list = quoted.Length switch
        {
            1 => quoted[0],
            2 => $"{quoted[0]} or {quoted[1]}",
            _ => string.Join(", ", quoted[..^1]) + ", or " + quoted[^1],
        };
        return subject is null ? $" Did you mean {list}?" : $" Did you mean {subject} {list}?";
    }

    /// <summary>Levenshtein distance with transpositions; stops early above <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit) return limit + 1;
        var rows = new int[3][];
        for (var r = 0; r < 3; r++) rows[r] = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) rows[0][j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var current = rows[i % 3];
            var previous = rows[(i - 1) % 3];
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, rows[(i - 2) % 3][j - 2] + 1);
                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit) return limit + 1;
        }

        return rows[a.Length % 3][b.Length];
    }
}
