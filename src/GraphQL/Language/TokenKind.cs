namespace Marketplace.GraphQL.Language;

public enum TokenKind
{
    StartOfFile, EndOfFile, Bang, Dollar, Ampersand, ParenLeft, ParenRight, Spread, Colon, Equals,
    At, BracketLeft, BracketRight, BraceLeft, Pipe, BraceRight, Name, Int, Float, String, BlockString,
}

public readonly record struct Token(TokenKind Kind, int Start, int End, int Line, int Column, string? Value)
{
    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "<EOF>",
        TokenKind.Name => $"Name \"{Value}\"",
        TokenKind.Int => $"Int \"{Value}\"",
        TokenKind.Float => $"Float \"{Value}\"",
        TokenKind.String or TokenKind.BlockString => "String",
        _ => $"\"{Punctuator(Kind)}\"",
    };

    public static string Punctuator(TokenKind kind) => kind switch
    {
        TokenKind.Bang => "!", TokenKind.Dollar => "$", TokenKind.Ampersand => "&",
        TokenKind.ParenLeft => "(", TokenKind.ParenRight => ")", TokenKind.Spread => "...",
        TokenKind.Colon => ":", TokenKind.Equals => "=", TokenKind.At => "@",
        TokenKind.BracketLeft => "[", TokenKind.BracketRight => "]", TokenKind.BraceLeft => "{",
        TokenKind.Pipe => "|", TokenKind.BraceRight => "}", TokenKind.EndOfFile => "<EOF>",
        _ => kind.ToString(),
    };
}
