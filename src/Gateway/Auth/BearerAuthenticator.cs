using System.Security.Cryptography;
using System.Text;
using Marketplace.Grains.Interfaces;
using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// Resolves "Bearer &lt;token&gt;" to a caller: the configured admin token, or a user token through
/// the token grain (keyed by the token's hash) and the user grain (roles as they are now).
/// </summary>
public sealed class BearerAuthenticator(IClusterClient client, AdminToken adminToken)
{
    public async Task<GatewayCaller> AuthenticateAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization)) return GatewayCaller.Anonymous;
        const string scheme = "Bearer ";
        if (!authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return GatewayCaller.InvalidToken;
        var token = authorization[scheme.Length..].Trim();
        if (token.Length == 0 || token.Length > 512) return GatewayCaller.InvalidToken;

        if (adminToken.Matches(token)) return GatewayCaller.ConfiguredAdmin;

        var userId = await client.GetGrain<ITokenGrain>(AccessTokens.Hash(token)).ValidateAsync();
        if (userId is null) return GatewayCaller.InvalidToken;
        var user = await client.GetGrain<IUserGrain>(userId).GetAsync();
        if (user is null) return GatewayCaller.InvalidToken;
        var roles = user.Roles.Contains(Role.USER) ? user.Roles : [Role.USER, .. user.Roles];
        return new GatewayCaller(user.Id, roles, true);
    }
}

/// <summary>The admin token (configured, or generated at start in Development); compared in constant time.</summary>
public sealed class AdminToken(string value)
{
    private readonly byte[] _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    public string Value { get; } = value;

    public bool Matches(string token) =>
        CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
