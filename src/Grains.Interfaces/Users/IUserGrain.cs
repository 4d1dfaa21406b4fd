
namespace Marketplace.Grains.Interfaces.Users;

/// <summary>A user, keyed by user id. The same id is the key of the user's seller and buyer grains.</summary>
[Alias("mp.users.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>createUser: stores the user with role USER and issues the first token (returned once, stored only as a hash).</summary>
    Task<Result<CreatedUser>> CreateAsync(string displayName, string? regionId);

    [ReadOnly]
    Task<UserView?> GetAsync();

    /// <summary>grantRole: ADMIN only.</summary>
    Task<Result<UserView>> GrantRoleAsync(Role role, CallerContext caller);

    /// <summary>Another token for this user (the user themself or an admin).</summary>
    Task<Result<string>> IssueTokenAsync(CallerContext caller);
}

[GenerateSerializer, Immutable, Alias("mp.users.UserView")]
public sealed record UserView(string Id, string DisplayName, string? RegionId, IReadOnlyList<Role> Roles, DateTimeOffset CreatedAt);

/// <param name="Token">The bearer token in clear; only its SHA-256 hash is stored.</param>
[GenerateSerializer, Immutable, Alias("mp.users.CreatedUser")]
public sealed record CreatedUser(UserView User, string Token);
