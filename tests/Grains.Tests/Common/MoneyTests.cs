using Marketplace.Grains.Common;
using Marketplace.Grains.Interfaces;

namespace Marketplace.Grains.Tests.Common;

public class MoneyTests
{
    [Theory]
    [InlineData("100.00", "0.05", "5.00")]
    [InlineData("10.10", "0.05", "0.51")]   // 0.505 rounds away from zero
    [InlineData("10.30", "0.05", "0.52")]   // 0.515 -> 0.52 (banker's rounding would also give 0.52)
    [InlineData("0.10", "0.05", "0.01")]    // 0.005 -> 0.01, banker's rounding would give 0.00
    [InlineData("2899.00", "0.05", "144.95")]
    [InlineData("19.99", "0.08", "1.60")]   // 1.5992
    public void Fee_is_rounded_to_two_places_half_away_from_zero(string price, string rate, string expected) =>
        Assert.Equal(decimal.Parse(expected), Money.Fee(decimal.Parse(price), decimal.Parse(rate)));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.001")]
    public void Bad_prices_are_invalid_input_on_the_field(string price)
    {
        var error = Money.ValidatePrice(decimal.Parse(price), "price");
        Assert.NotNull(error);
        Assert.Equal(ErrorCodes.InvalidInput, error.Code);
        Assert.Equal(["input", "price"], error.Field!);
    }

    [Theory]
    [InlineData("0.01")]
    [InlineData("12.5")]
    [InlineData("2899.00")]
    public void Good_prices_pass(string price) => Assert.Null(Money.ValidatePrice(decimal.Parse(price), "price"));
}
