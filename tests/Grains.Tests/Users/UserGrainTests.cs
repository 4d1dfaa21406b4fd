using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Users;
using Marketplace.Grains.Tests.Harness;

namespace Marketplace.Grains.Tests.Users;

public class UserGrainTests
{
    [Fact]
    public async Task Created_user_gets_a_token_that_resolves_only_through_its_hash()
    {
        await using var market = await Market.CreateAsync(new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "01:00:00" });
        var created = (await market.Host.GetGrain<IUserGrain>("u1").CreateAsync("  Alice ", "sh")).Unwrap();
        Assert.Equal(("Alice", "sh"), (created.User.DisplayName, created.User.RegionId));
        Assert.Equal([Role.USER], created.User.Roles);
        Assert.True(Convert.FromBase64String(created.Token.Replace('-', '+').Replace('_', '/') + "=").Length == 32);

        var token = market.Host.GetGrain<ITokenGrain>(AccessTokens.Hash(created.Token));
        Assert.Equal("u1", await token.ValidateAsync());
        Assert.Null(await market.Host.GetGrain<ITokenGrain>(created.Token).ValidateAsync()); // the clear token is not a key
        market.Host.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await token.ValidateAsync()); // expired
    }

    [Fact]
    public async Task Revoked_tokens_stop_working_and_tokens_differ()
    {
        await using var market = await Market.CreateAsync();
        var created = (await market.Host.GetGrain<IUserGrain>("u1").CreateAsync("Alice", null)).Unwrap();
        var second = (await market.Host.GetGrain<IUserGrain>("u1").IssueTokenAsync(CallerContext.User("u1"))).Unwrap();
        Assert.NotEqual(created.Token, second);
        await market.Host.GetGrain<ITokenGrain>(AccessTokens.Hash(created.Token)).RevokeAsync();
        Assert.Null(await market.Host.GetGrain<ITokenGrain>(AccessTokens.Hash(created.Token)).ValidateAsync());
        Assert.Equal("u1", await market.Host.GetGrain<ITokenGrain>(AccessTokens.Hash(second)).ValidateAsync());
        Assert.Equal(ErrorCodes.Forbidden, (await market.Host.GetGrain<IUserGrain>("u1").IssueTokenAsync(CallerContext.User("u2"))).Error!.Code);
    }

    [Fact]
    public async Task Bad_input_and_duplicates_are_refused()
    {
        await using var market = await Market.CreateAsync();
        var user = market.Host.GetGrain<IUserGrain>("u1");
        Assert.Equal(["input", "displayName"], (await user.CreateAsync(" ", null)).Error!.Field!);
        Assert.Equal(["input", "regionId"], (await user.CreateAsync("A", "atlantis")).Error!.Field!);
        Assert.Null(await user.GetAsync());
        (await user.CreateAsync("A", null)).Unwrap();
        Assert.Equal(ErrorCodes.AlreadyExists, (await user.CreateAsync("B", null)).Error!.Code);
    }

    [Fact]
    public async Task Only_admins_grant_roles()
    {
        await using var market = await Market.CreateAsync();
        var user = market.Host.GetGrain<IUserGrain>("u1");
        (await user.CreateAsync("A", null)).Unwrap();
        Assert.Equal(ErrorCodes.Forbidden, (await user.GrantRoleAsync(Role.ADMIN, CallerContext.Operator("op"))).Error!.Code);
        Assert.Equal([Role.USER], (await user.GetAsync())!.Roles);
        Assert.Equal([Role.USER, Role.INSPECTOR], (await user.GrantRoleAsync(Role.INSPECTOR, CallerContext.Admin())).Unwrap().Roles);
        Assert.Equal(ErrorCodes.NotFound, (await market.Host.GetGrain<IUserGrain>("nobody").GrantRoleAsync(Role.USER, CallerContext.Admin())).Error!.Code);
    }
}
