using Marketplace.Gateway.Tests.Support;

namespace Marketplace.Gateway.Tests.Errors;

/// <summary>Bad documents come back as the spec says: each problem once.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ValidationErrorTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Each_validation_error_is_reported_once()
    {
        var response = await fixture.Host.Client.PostAsync("{ categories { id nope } regions { nope2 } }");

        Assert.Null(response.Data);
        Assert.Equal(2, response.Errors.Count);
        Assert.Single(response.Errors, e => e!["message"]!.GetValue<string>().Contains("\"nope\"", StringComparison.Ordinal));
        Assert.Single(response.Errors, e => e!["message"]!.GetValue<string>().Contains("\"nope2\"", StringComparison.Ordinal));
    }
}
