namespace Marketplace.Grains.Interfaces;

/// <summary>Error codes of the contract (README "Errors") plus FORBIDDEN for authorization facts checked by grains.</summary>
public static class ErrorCodes
{
    public const string NotFound = "NOT_FOUND";
    public const string InvalidInput = "INVALID_INPUT";
    public const string InvalidState = "INVALID_STATE";
    public const string ItemNotAvailable = "ITEM_NOT_AVAILABLE";
    public const string SelfPurchase = "SELF_PURCHASE";
    public const string AlreadyExists = "ALREADY_EXISTS";
    public const string DeadlinePassed = "DEADLINE_PASSED";
    public const string IdempotencyConflict = "IDEMPOTENCY_CONFLICT";
    /// <summary>A rental period overlaps a booking.</summary>
    public const string DatesUnavailable = "DATES_UNAVAILABLE";
    public const string Forbidden = "FORBIDDEN";
}

/// <summary>A business rule violation, mapped 1:1 onto the contract's UserError (field is the input path).</summary>
[GenerateSerializer, Immutable, Alias("mp.common.UserError")]
public sealed record UserError(string Code, string Message, IReadOnlyList<string>? Field = null)
{
    public static UserError NotFound(string message) => new(ErrorCodes.NotFound, message);
    public static UserError InvalidState(string message) => new(ErrorCodes.InvalidState, message);
    public static UserError Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    /// <summary>Invalid input at <c>input.&lt;field&gt;</c>, the path the gateway reports.</summary>
    public static UserError InvalidInput(string field, string message) => new(ErrorCodes.InvalidInput, message, ["input", field]);
}
