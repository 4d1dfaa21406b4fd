namespace Marketplace.Gateway.Hosting;

/// <summary>How the gateway reaches the grains.</summary>
public enum GatewayMode
{
    /// <summary>One silo in this process (storage from Storage:*, SQLite by default), memory streams.</summary>
    Dev,

    /// <summary>No silo here: a cluster client of the silos in Cluster:ClusterId, over PostgreSQL (ConnectionStrings:Postgres).</summary>
    Cluster,
}

/// <summary>The <c>Gateway</c> section (Gateway:Mode).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    public GatewayMode Mode { get; set; } = GatewayMode.Dev;

    /// <summary>Reads Gateway:Mode with a clear error for an unknown value (the binder's own message names no choices).</summary>
    public static GatewayMode ReadMode(IConfiguration configuration)
    {
        var value = configuration[$"{SectionName}:{nameof(Mode)}"];
        if (string.IsNullOrWhiteSpace(value)) return GatewayMode.Dev;
        return Enum.TryParse<GatewayMode>(value.Trim(), ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"Unknown Gateway:Mode '{value}': expected Dev or Cluster.");
    }
}
