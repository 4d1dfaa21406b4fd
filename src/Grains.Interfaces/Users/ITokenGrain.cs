
namespace Marketplace.Grains.Interfaces.Users;

/// <summary>
/// One access token, keyed by <see cref="AccessTokens.Hash"/> of the token: the clear token is never
/// stored, so a leaked store cannot be replayed. Issued by <see cref="IUserGrain"/>.
/// </summary>
[Alias("mp.users.ITokenGrain")]
public interface ITokenGrain : IGrainWithStringKey
{
    Task IssueAsync(string userId, DateTimeOffset expiresAt);

    /// <summary>The token's user id while it is issued, unexpired and not revoked; otherwise null.</summary>
    [ReadOnly]
    Task<string?> ValidateAsync();

    Task RevokeAsync();
}
