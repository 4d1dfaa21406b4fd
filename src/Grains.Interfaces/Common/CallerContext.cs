namespace Marketplace.Grains.Interfaces;

/// <summary>
/// Who is calling, as the gateway authenticated them. Grains check the authorization facts they
/// own (is this the buyer, the seller, an inspector) with it and answer FORBIDDEN otherwise.
/// </summary>
/// <param name="UserId">The caller's user id; null for the configured admin token without a user.</param>
[GenerateSerializer, Immutable, Alias("mp.common.CallerContext")]
public sealed record CallerContext(string? UserId, IReadOnlyList<Role> Roles)
{
    public static CallerContext User(string userId) => new(userId, [Role.USER]);
    public static CallerContext Operator(string? userId = null) => new(userId, [Role.OPERATOR]);
    public static CallerContext Admin(string? userId = null) => new(userId, [Role.ADMIN]);
    public static CallerContext Inspector(string userId) => new(userId, [Role.USER, Role.INSPECTOR]);
    /// <summary>The platform itself (deadlines firing): allowed everything a grain checks.</summary>
    public static CallerContext System { get; } = new(null, [Role.ADMIN]);

    public bool Has(Role role) => Roles.Contains(role);
    public bool IsOperatorOrAdmin => Has(Role.OPERATOR) || Has(Role.ADMIN);
    public bool Is(string userId) => UserId is not null && UserId == userId;
}
