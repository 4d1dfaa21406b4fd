using Marketplace.Gateway.Auth;
using Marketplace.Grains.Interfaces;
using Marketplace.GraphQL.Execution;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// The contract's authorization table, applied per field: no token where one is needed is
/// UNAUTHENTICATED, a token without the right is FORBIDDEN; either way the field is null and
/// the resolver (and so every grain change) never runs.
/// </summary>
internal static class Access
{
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";

    public static GatewayCaller Caller(IResolveContext context) => context.UserContext as GatewayCaller ?? GatewayCaller.Anonymous;

    public static GatewayCaller RequireAuthenticated(IResolveContext context)
    {
        var caller = Caller(context);
        if (!caller.IsAuthenticated)
            throw new GraphQLException(caller.BadToken ? "The bearer token is invalid, expired or revoked." : "This operation needs a bearer token.", Unauthenticated);
        return caller;
    }

    /// <summary>A user (role USER) with a user id: the configured admin token has no user to act as.</summary>
    public static GatewayCaller RequireUser(IResolveContext context)
    {
        var caller = RequireAuthenticated(context);
        if (caller.UserId is null || !caller.Has(Role.USER)) throw Deny("This operation needs a user token.");
        return caller;
    }

    public static GatewayCaller RequireRole(IResolveContext context, Role role)
    {
        var caller = RequireAuthenticated(context);
        if (!caller.Has(role)) throw Deny($"This operation needs the {role} role.");
        return caller;
    }

    public static GatewayCaller RequireOperator(IResolveContext context)
    {
        var caller = RequireAuthenticated(context);
        if (!caller.IsOperatorOrAdmin) throw Deny("This operation is for operators and admins.");
        return caller;
    }

    public static GraphQLException Deny(string message) => new(message, Forbidden);
}
