namespace Marketplace.Gateway.Auth;

/// <summary>The <c>Auth</c> section as the gateway reads it.</summary>
public sealed class GatewayAuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>The operator-configured admin token; in Development one is generated when missing.</summary>
    public string? AdminToken { get; set; }
}
