using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Common;

/// <summary>Money rules of the contract: decimal, two places, fee rounded half away from zero.</summary>
public static class Money
{
    public static decimal Fee(decimal amount, decimal feeRate) =>
        Math.Round(amount * feeRate, 2, MidpointRounding.AwayFromZero);

    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>A price must be positive with at most two decimals; the error names <c>input.&lt;field&gt;</c>.</summary>
    public static UserError? ValidatePrice(decimal price, string field) =>
        price <= 0 ? UserError.InvalidInput(field, "The amount must be greater than 0.")
        : !HasAtMostTwoDecimals(price) ? UserError.InvalidInput(field, "The amount may have at most two decimals.")
        : null;
}
