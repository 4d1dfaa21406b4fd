using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Common;

/// <summary>Input checks shared by the grains: each returns the contract's INVALID_INPUT with the field path.</summary>
public static class Validation
{
    public static UserError? RequiredText(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? UserError.InvalidInput(field, $"{field} is required.")
        : value.Trim().Length > maxLength ? UserError.InvalidInput(field, $"{field} may have at most {maxLength} characters.")
        : null;

    public static UserError? OptionalText(string? value, string field, int maxLength) =>
        value is not null && value.Length > maxLength ? UserError.InvalidInput(field, $"{field} may have at most {maxLength} characters.") : null;

    /// <summary>Ids become grain keys and appear in ledger parties: keep them short and printable.</summary>
    public static UserError? Id(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? UserError.InvalidInput(field, $"{field} is required.")
        : value.Length > 100 || value.Any(char.IsWhiteSpace) ? UserError.InvalidInput(field, $"{field} must be at most 100 characters without spaces.")
        : null;
}
