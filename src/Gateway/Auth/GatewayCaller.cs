using Marketplace.Grains.Interfaces;

namespace Marketplace.Gateway.Auth;

/// <summary>Who sent a request, as resolved from its bearer token. Anonymous when no (valid) token was given.</summary>
public sealed record GatewayCaller(string? UserId, IReadOnlyList<Role> Roles, bool IsAuthenticated, bool BadToken = false)
{
    public static GatewayCaller Anonymous { get; } = new(null, [], false);
    public static GatewayCaller InvalidToken { get; } = new(null, [], false, BadToken: true);

    /// <summary>The configured admin token: no user behind it, role ADMIN.</summary>
    public static GatewayCaller ConfiguredAdmin { get; } = new(null, [Role.ADMIN], true);

    public bool Has(Role role) => Roles.Contains(role);
    public bool IsOperatorOrAdmin => Has(Role.OPERATOR) || Has(Role.ADMIN);
    public bool Is(string? userId) => UserId is not null && userId is not null && UserId == userId;

    /// <summary>What grains receive to check the authorization facts they own.</summary>
    public CallerContext ToCallerContext() => new(UserId, Roles);
}
