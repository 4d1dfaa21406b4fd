using Marketplace.Grains.Common;
using Marketplace.Grains.Configuration;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Catalog;
using Marketplace.Grains.Interfaces.Users;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Microsoft.Extensions.Options;

namespace Marketplace.Grains.Users;

public sealed class UserState
{
    public UserView? User { get; set; }
}

[GrainType("user")]
public sealed class UserGrain(
    [PersistentState("user")] IPersistentState<UserState> state, IOptions<AuthOptions> auth, TimeProvider time) : Grain, IUserGrain
{
    public async Task<Result<CreatedUser>> CreateAsync(string displayName, string? regionId)
    {
        if (state.State.User is not null) return new UserError(ErrorCodes.AlreadyExists, "The user already exists.");
        if (Validation.RequiredText(displayName, "displayName", 100) is { } error) return error;
        if (regionId is not null && await GrainFactory.GetGrain<IRegionGrain>(regionId).GetAsync() is null)
            return UserError.InvalidInput("regionId", $"Unknown region '{regionId}'.");

        // The token is issued before the user is stored: a failure leaves at most an unusable token, never a user without one.
        var token = await IssueAsync();
        var user = new UserView(this.GetPrimaryKeyString(), displayName.Trim(), regionId, [Role.USER], time.GetUtcNow());
        state.State.User = user;
        await state.WriteStateAsync();
        return Result.Ok(new CreatedUser(user, token));
    }

    public Task<UserView?> GetAsync() => Task.FromResult(state.State.User);

    public async Task<Result<UserView>> GrantRoleAsync(Role role, CallerContext caller)
    {
        if (!caller.Has(Role.ADMIN)) return UserError.Forbidden("Only admins grant roles.");
        if (state.State.User is not { } user) return UserError.NotFound("No such user.");
        if (user.Roles.Contains(role)) return Result.Ok(user);
        var updated = user with { Roles = [.. user.Roles.Append(role).Order()] };
        state.State.User = updated;
        await state.WriteStateAsync();
        return Result.Ok(updated);
    }

    public async Task<Result<string>> IssueTokenAsync(CallerContext caller)
    {
        if (state.State.User is not { } user) return UserError.NotFound("No such user.");
        if (!caller.Is(user.Id) && !caller.Has(Role.ADMIN)) return UserError.Forbidden("Only the user or an admin may issue a token.");
        return Result.Ok(await IssueAsync());
    }

    private async Task<string> IssueAsync()
    {
        var token = AccessTokens.Generate();
        await GrainFactory.GetGrain<ITokenGrain>(AccessTokens.Hash(token))
            .IssueAsync(this.GetPrimaryKeyString(), time.GetUtcNow() + auth.Value.TokenLifetime);
        return token;
    }
}
