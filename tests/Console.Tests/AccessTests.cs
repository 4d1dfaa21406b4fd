using Marketplace.Console.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class AccessTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_USER_token_sees_neither_desk()
    {
        var user = await fixture.Market.CreateUserAsync("just a buyer");
        await using var console = await fixture.OpenAsync(user.Token);
        await console.WaitForSignedInAsync();

        Assert.Equal(0, await console.Navigation.GetByRole(AriaRole.Link).CountAsync());
        foreach (var desk in new[] { "inspection", "disputes" })
        {
            await console.GoToAsync(desk);
            await console.Page.GetByRole(AriaRole.Heading, new() { Name = "Nothing here for your roles" }).WaitForAsync();
            Assert.Equal(0, await console.Page.Locator("[data-order], #inspection-queue, #dispute-queue").CountAsync());
        }
    }

    [Fact]
    public async Task An_inspector_sees_the_inspection_desk_only_and_an_operator_the_rest()
    {
        var inspector = await fixture.Market.CreateUserWithRoleAsync("INSPECTOR");
        await using (var console = await fixture.OpenAsync(inspector.Token))
        {
            await console.WaitForSignedInAsync();
            Assert.Equal(["Inspection desk"], await console.Navigation.GetByRole(AriaRole.Link).AllTextContentsAsync());
        }
        var @operator = await fixture.Market.CreateUserWithRoleAsync("OPERATOR");
        await using (var console = await fixture.OpenAsync(@operator.Token))
        {
            await console.WaitForSignedInAsync();
            Assert.Equal(["Market", "Alerts", "Seller trust", "Dispute desk"], await console.Navigation.GetByRole(AriaRole.Link).AllTextContentsAsync());
        }
    }

    [Fact]
    public async Task A_bad_token_gets_a_clear_message()
    {
        await using var console = await fixture.OpenAsync("not-a-real-token-0000");
        var alert = console.Page.GetByRole(AriaRole.Alert);
        await alert.WaitForAsync();
        Assert.Contains("This token is not valid", await alert.TextContentAsync());
        Assert.True(await console.Page.GetByLabel("Bearer token").IsVisibleAsync(), "the sign-in form stays for another try");
    }
}
