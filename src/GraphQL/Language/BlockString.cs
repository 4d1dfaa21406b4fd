using System.Text;

namespace Marketplace.GraphQL.Language;

/// <summary>Block string value rules (spec "BlockStringValue") and printing.</summary>
public static class BlockString
{
    /// <summary>Removes common indentation and leading/trailing blank lines.</summary>
    public static string Dedent(string raw)
    {
        var lines = SplitLines(raw);
        int? commonIndent = null;
        for (var i = 1; i < lines.Count; i++)
        {
            var indent = LeadingWhitespace(lines[i]);
            if (indent == lines[i].Length) continue;
            if (commonIndent is null || indent < commonIndent) commonIndent = indent;
        }

        if (commonIndent is > 0)
        {
            for (var i = 1; i < lines.Count; i++)
                lines[i] = lines[i].Length >= commonIndent ? lines[i][commonIndent.Value..] : "";
        }

        var first = 0;
        while (first < lines.Count && IsBlank(lines[first])) first++;
        var last = lines.Count - 1;
        while (last >= first && IsBlank(lines[last])) last--;
        if (first > last) return "";
        var sb = new StringBuilder();
        for (var i = first; i <= last; i++)
        {
            if (i > first) sb.Append('\n');
            sb.Append(lines[i]);
        }

        return sb.ToString();
    }

    /// <summary>Prints a value as a block string the way graphql-js does (so SDL output compares equal).</summary>
    public static string Print(string value, bool preferMultipleLines = false)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"");
        var lines = SplitLines(escaped);
        var isSingleLine = lines.Count == 1;
        var forceLeadingNewLine = lines.Count > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || forceTrailingNewLine || forceLeadingNewLine || hasTrailingTripleQuotes || preferMultipleLines;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        var sb = new StringBuilder("\"\"\"");
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) sb.Append('\n');
        sb.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewLine) sb.Append('\n');
        return sb.Append("\"\"\"").ToString();
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\n' && c != '\r') continue;
            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
            start = i + 1;
        }

        lines.Add(text[start..]);
        return lines;
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t') i++;
        return i;
    }

    private static bool IsBlank(string line) => LeadingWhitespace(line) == line.Length;
}
