using System.Globalization;
using System.Text;
using Marketplace.GraphQL.Language.Ast;

namespace Marketplace.GraphQL.Language;

/// <summary>
/// Turns GraphQL source text into tokens on demand (the parser pulls one token at a time).
/// Ignored tokens (whitespace, commas, comments, BOM) are skipped. Counts tokens against the limit.
/// </summary>
public sealed class Lexer
{
    private readonly string _source;
    private readonly int _maxTokens;
    private int _position;
    private int _line = 1;
    private int _lineStart;
    private int _tokenCount;

    public Lexer(string source, int maxTokens = int.MaxValue)
    {
        _source = source;
        _maxTokens = maxTokens;
    }

    public int TokenCount => _tokenCount;

    public Token Next()
    {
        SkipIgnored();
        if (_position >= _source.Length)
            return new Token(TokenKind.EndOfFile, _position, _position, _line, _position - _lineStart + 1, null);

        if (++_tokenCount > _maxTokens)
            throw Error($"Document contains more than {_maxTokens} tokens.", _position, "MAX_TOKENS_EXCEEDED");

        var start = _position;
        var c = _source[_position];
        switch (c)
        {
            case '!': return Punct(TokenKind.Bang);
            case '$': return Punct(TokenKind.Dollar);
            case '&': return Punct(TokenKind.Ampersand);
            case '(': return Punct(TokenKind.ParenLeft);
            case ')': return Punct(TokenKind.ParenRight);
            case ':': return Punct(TokenKind.Colon);
            case '=': return Punct(TokenKind.Equals);
            case '@': return Punct(TokenKind.At);
            case '[': return Punct(TokenKind.BracketLeft);
            case ']': return Punct(TokenKind.BracketRight);
            case '{': return Punct(TokenKind.BraceLeft);
            case '|': return Punct(TokenKind.Pipe);
            case '}': return Punct(TokenKind.BraceRight);
            case '.':
                if (At(start + 1) == '.' && At(start + 2) == '.')
                {
                    _position += 3;
                    return Make(TokenKind.Spread, start, null);
                }
                throw Error("Unexpected \".\".", start);
            case '"':
                return At(start + 1) == '"' && At(start + 2) == '"' ? ReadBlockString() : ReadString();
        }

        if (IsNameStart(c)) return ReadName();
        if (c == '-' || IsDigit(c)) return ReadNumber();
        throw Error($"Unexpected character: {DescribeChar(start)}.", start);
    }

    private Token Punct(TokenKind kind)
    {
        var start = _position++;
        return Make(kind, start, null);
    }

    private Token Make(TokenKind kind, int start, string? value) =>
        new(kind, start, _position, _line, start - _lineStart + 1, value);

    private char At(int index) => index < _source.Length ? _source[index] : '\0';

    private void SkipIgnored()
    {
        var s = _source;
        while (_position < s.Length)
        {
            var c = s[_position];
            switch (c)
            {
                case '\uFEFF' or '\t' or ' ' or ',':
                    _position++;
                    break;
                case '\n':
                    _position++;
                    NewLine();
                    break;
                case '\r':
                    _position++;
                    if (At(_position) == '\n') _position++;
                    NewLine();
                    break;
                case '#':
                    while (_position < s.Length && s[_position] != '\n' && s[_position] != '\r') _position++;
                    break;
                default:
                    return;
            }
        }
    }

    private void NewLine()
    {
        _line++;
        _lineStart = _position;
    }

    private static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';
    private static bool IsNameContinue(char c) => IsNameStart(c) || IsDigit(c);
    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private Token ReadName()
    {
        var start = _position;
        while (_position < _source.Length && IsNameContinue(_source[_position])) _position++;
        return Make(TokenKind.Name, start, _source.Substring(start, _position - start));
    }

    private Token ReadNumber()
    {
        var start = _position;
        var isFloat = false;
        if (At(_position) == '-') _position++;
        if (At(_position) == '0')
        {
            _position++;
            if (IsDigit(At(_position)))
                throw Error($"Invalid number, unexpected digit after 0: {DescribeChar(_position)}.", _position);
        }
        else
        {
            ReadDigits();
        }

        if (At(_position) == '.')
        {
            isFloat = true;
            _position++;
            ReadDigits();
        }

        if (At(_position) is 'e' or 'E')
        {
            isFloat = true;
            _position++;
            if (At(_position) is '+' or '-') _position++;
            ReadDigits();
        }

        // A number must not run straight into a name or a dot ("1.2.3", "0x12").
        var next = At(_position);
        if (next == '.' || IsNameStart(next))
            throw Error($"Invalid number, expected digit but got: {DescribeChar(_position)}.", _position);

        return Make(isFloat ? TokenKind.Float : TokenKind.Int, start, _source.Substring(start, _position - start));
    }

    private void ReadDigits()
    {
        if (!IsDigit(At(_position)))
            throw Error($"Invalid number, expected digit but got: {DescribeChar(_position)}.", _position);
        while (IsDigit(At(_position))) _position++;
    }

    private Token ReadString()
    {
        var start = _position;
        _position++; // opening quote
        StringBuilder? builder = null;
        var chunkStart = _position;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '"')
            {
                string value;
                if (builder is null) value = _source.Substring(chunkStart, _position - chunkStart);
                else value = builder.Append(_source, chunkStart, _position - chunkStart).ToString();
                _position++;
                return Make(TokenKind.String, start, value);
            }

            if (c is '\n' or '\r') break;

            if (c == '\\')
            {
                builder ??= new StringBuilder();
                builder.Append(_source, chunkStart, _position - chunkStart);
                ReadEscape(builder);
                chunkStart = _position;
                continue;
            }

            CheckSourceCharacter(c);
            _position++;
        }

        throw Error("Unterminated string.", _position);
    }

    private void ReadEscape(StringBuilder builder)
    {
        var escapeStart = _position;
        var c = At(_position + 1);
        switch (c)
        {
            case '"': builder.Append('"'); _position += 2; return;
            case '\\': builder.Append('\\'); _position += 2; return;
            case '/': builder.Append('/'); _position += 2; return;
            case 'b': builder.Append('\b'); _position += 2; return;
            case 'f': builder.Append('\f'); _position += 2; return;
            case 'n': builder.Append('\n'); _position += 2; return;
            case 'r': builder.Append('\r'); _position += 2; return;
            case 't': builder.Append('\t'); _position += 2; return;
            case 'u':
                ReadUnicodeEscape(builder, escapeStart);
                return;
        }

        var end = Math.Min(_source.Length, _position + 2);
        throw Error($"Invalid character escape sequence: \"{_source[escapeStart..end]}\".", escapeStart);
    }

    private void ReadUnicodeEscape(StringBuilder builder, int escapeStart)
    {
        if (At(_position + 2) == '{')
        {
            // Variable-width form \u{1F600}: any scalar value, never a surrogate.
            var p = _position + 3;
            var value = 0;
            var digits = 0;
            while (p < _source.Length && _source[p] != '}')
            {
                var h = HexValue(_source[p]);
                if (h < 0 || ++digits > 6) throw InvalidUnicode(escapeStart, p + 1);
                value = value * 16 + h;
                if (value > 0x10FFFF) throw InvalidUnicode(escapeStart, p + 1);
                p++;
            }

            if (p >= _source.Length || digits == 0 || IsSurrogate(value))
                throw InvalidUnicode(escapeStart, Math.Min(p + 1, _source.Length));
            builder.Append(char.ConvertFromUtf32(value));
            _position = p + 1;
            return;
        }

        var code = ReadHex4(_position + 2);
        if (code < 0) throw InvalidUnicode(escapeStart, Math.Min(_position + 6, _source.Length));
        if (char.IsHighSurrogate((char)code))
        {
            // A leading surrogate must be followed by an escaped trailing surrogate.
            if (At(_position + 6) == '\\' && At(_position + 7) == 'u')
            {
                var low = ReadHex4(_position + 8);
                if (low >= 0 && char.IsLowSurrogate((char)low))
                {
                    builder.Append((char)code).Append((char)low);
                    _position += 12;
                    return;
                }
            }

            throw InvalidUnicode(escapeStart, _position + 6);
        }

        if (char.IsLowSurrogate((char)code)) throw InvalidUnicode(escapeStart, _position + 6);
        builder.Append((char)code);
        _position += 6;
    }

    private static bool IsSurrogate(int value) => value is >= 0xD800 and <= 0xDFFF;

    private int ReadHex4(int p)
    {
        if (p + 4 > _source.Length) return -1;
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var h = HexValue(_source[p + i]);
            if (h < 0) return -1;
            value = value * 16 + h;
        }

        return value;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private GraphQLSyntaxException InvalidUnicode(int start, int end) =>
        Error($"Invalid Unicode escape sequence: \"{_source[start..end]}\".", start);

    private Token ReadBlockString()
    {
        var start = _position;
        var startLine = _line;
        var startColumn = start - _lineStart + 1;
        _position += 3;
        var raw = new StringBuilder();
        var chunkStart = _position;
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (c == '"' && At(_position + 1) == '"' && At(_position + 2) == '"')
            {
                raw.Append(_source, chunkStart, _position - chunkStart);
                _position += 3;
                return new Token(TokenKind.BlockString, start, _position, startLine, startColumn, BlockString.Dedent(raw.ToString()));
            }

            if (c == '\\' && At(_position + 1) == '"' && At(_position + 2) == '"' && At(_position + 3) == '"')
            {
                raw.Append(_source, chunkStart, _position - chunkStart).Append("\"\"\"");
                _position += 4;
                chunkStart = _position;
                continue;
            }

            if (c == '\n')
            {
                _position++;
                NewLine();
                continue;
            }

            if (c == '\r')
            {
                _position++;
                if (At(_position) == '\n') _position++;
                NewLine();
                continue;
            }

            CheckSourceCharacter(c);
            _position++;
        }

        throw Error("Unterminated string.", _position);
    }

    private void CheckSourceCharacter(char c)
    {
        if (c < 0x20 && c != '\t')
            throw Error($"Invalid character within String: {DescribeChar(_position)}.", _position);
        // Lone surrogates are not Unicode scalar values.
        if (char.IsHighSurrogate(c))
        {
            if (!char.IsLowSurrogate(At(_position + 1)))
                throw Error($"Invalid character within String: {DescribeChar(_position)}.", _position);
            _position++;
        }
        else if (char.IsLowSurrogate(c))
        {
            throw Error($"Invalid character within String: {DescribeChar(_position)}.", _position);
        }
    }

    private string DescribeChar(int index)
    {
        if (index >= _source.Length) return "<EOF>";
        var c = _source[index];
        if (c is >= (char)0x20 and <= (char)0x7E)
            return c == '"' ? "'\"'" : $"\"{c}\"";
        return "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);
    }

    private GraphQLSyntaxException Error(string message, int position, string? code = null) =>
        new(message, LocationOf(position), code);

    /// <summary>Line and column of an offset on the current line (the lexer only errs on its current line).</summary>
    private SourceLocation LocationOf(int position) => new(_line, position - _lineStart + 1);
}
