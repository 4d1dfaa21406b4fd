using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Gateway.Demo;

/// <summary>The <c>Marketplace:DemoData</c> section (besides <c>Marketplace:DemoData=true</c>, which asks for the demo market like the flag).</summary>
public sealed class DemoDataOptions
{
    /// <summary>1 = about 2,400 items, 30 sellers, 160 buyers, 2,000 orders; tests use 0.05 (about 150 items).</summary>
    public double Scale { get; set; } = 1;
    public int Seed { get; set; } = 20260512;
    public int HistoryDays { get; set; } = 90;
    /// <summary>Parallel lanes per simulated hour.</summary>
    public int Parallelism { get; set; } = 32;
    /// <summary>How long the load waits for the figures (fed through streams) to show every item and sale.</summary>
    public TimeSpan FiguresPatience { get; set; } = TimeSpan.FromMinutes(3);
}

public static class DemoDataExtensions
{
    public const string ConfigurationKey = "Marketplace:DemoData";
    public const string Flag = "--demo-data";

    /// <summary>
    /// The arguments without the <c>--demo-data</c> flag. The host's command-line configuration reads
    /// <c>--key value</c> pairs, so a bare flag would swallow the next argument (e.g. <c>--urls</c>).
    /// </summary>
    public static string[] WithoutFlag(string[] args) =>
        args.Where(a => !string.Equals(a, Flag, StringComparison.OrdinalIgnoreCase)).ToArray();

    public static bool IsRequested(string[] args, IConfiguration configuration) =>
        args.Contains(Flag, StringComparer.OrdinalIgnoreCase) || configuration.GetValue<bool>(ConfigurationKey) ||
        configuration.GetValue<bool>(ConfigurationKey + ":Enabled");

    /// <summary>
    /// Loads the demo market at start when <c>--demo-data</c> is given or Marketplace:DemoData is true. Dev mode only
    /// (the silo in this process): the market's history needs the grains' clock (<see cref="DemoClock"/>), which a
    /// gateway cannot move for the silos of a cluster. Call after the silo is added (the hosted service must start after it).
    /// </summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder, string[] args)
    {
        if (!IsRequested(args, builder.Configuration)) return builder;
        if (GatewayOptions.ReadMode(builder.Configuration) == GatewayMode.Cluster)
            throw new InvalidOperationException(
                $"{Flag} needs dev mode (a silo in the gateway's process): the demo market's 90 days of history are generated on the grains' clock, which a cluster-mode gateway does not own.");
        builder.Services.AddOptions<DemoDataOptions>().Bind(builder.Configuration.GetSection(ConfigurationKey))
            .Validate(o => o.Scale is > 0 and <= 20, "Marketplace:DemoData:Scale must be in (0, 20].")
            .Validate(o => o.HistoryDays is >= 30 and <= 365, "Marketplace:DemoData:HistoryDays must be in [30, 365].");
        var history = TimeSpan.FromDays(Math.Clamp(builder.Configuration.GetValue<int?>(ConfigurationKey + ":HistoryDays") ?? 90, 30, 365));
        DemoClock.Register(builder.Services, new DemoClock(TimeProvider.System, history));
        builder.Services.AddSingleton<DemoDataLoader>();
        builder.Services.AddSingleton<DemoTokens>();
        builder.Services.AddSingleton<DemoDataHostedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DemoDataHostedService>());
        return builder;
    }
}

/// <summary>Runs the loader once the silo is up (hosted services start in registration order), then prints the demo tokens in Development.</summary>
public sealed class DemoDataHostedService(
    DemoDataLoader loader, DemoTokens tokens, AdminToken adminToken, IOptions<GatewayAuthOptions> auth, DataFolder folder, IHostEnvironment environment,
    ILogger<DemoDataHostedService> logger) : IHostedService
{
    /// <summary>The last load (tests read it).</summary>
    public DemoLoadResult? LastLoad { get; private set; }

    /// <summary>The tokens printed at start (Development only; empty otherwise).</summary>
    public IReadOnlyList<DemoToken> Tokens { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LastLoad = await loader.LoadAsync(cancellationToken);
        logger.LogInformation("Demo data ready: {Summary}", LastLoad.Summary);
        if (!environment.IsDevelopment()) return;
        Tokens = await tokens.EnsureAsync(LastLoad.Plan, folder.Path);
        var admin = string.IsNullOrWhiteSpace(auth.Value.AdminToken) ? adminToken.Value : "(the configured Auth:AdminToken)";
        var lines = string.Join(Environment.NewLine, Tokens.Select(t => $"  {t.Role,-9} {t.UserId,-24} {t.Token}"))
            + Environment.NewLine + "Orders to act on (as loaded):" + Environment.NewLine
            + string.Join(Environment.NewLine, ExampleOrders(LastLoad.Plan).Select(e => $"  {e.Role,-9} {e.What,-40} {e.OrderId}"));
        logger.LogWarning(
            "Demo tokens (Development only; kept in {File}), send one as `Authorization: Bearer <token>`:{NewLine}  {Admin,-9} {None,-24} {AdminToken}{NewLine}{Lines}{NewLine}" +
            "Try first: README.md, \"What to try first\".",
            Path.Combine(folder.Path, DemoTokens.FileName), Environment.NewLine, "admin", "", admin, Environment.NewLine, lines, Environment.NewLine);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One order per demo token that the token's user can move on, as the plan left them.</summary>
    public static IEnumerable<(string Role, string What, string OrderId)> ExampleOrders(DemoMarketPlan plan)
    {
        var orders = plan.Orders;
        if (orders.FirstOrDefault(o => o.Item.SellerId == plan.TokenSellerId && o.FinalStatus == Grains.Interfaces.OrderStatus.PAID) is { } paid)
            yield return ("seller", "ships the PAID order (shipOrder)", paid.Id);
        if (orders.FirstOrDefault(o => o.FinalStatus == Grains.Interfaces.OrderStatus.SHIPPED_TO_INSPECTION) is { } parcel)
            yield return ("inspector", "receives the parcel (receiveForInspection)", parcel.Id);
        if (orders.FirstOrDefault(o => o.BuyerId == plan.TokenBuyerId && o.FinalStatus == Grains.Interfaces.OrderStatus.DELIVERED) is { } delivered)
            yield return ("buyer", "confirms the delivery (confirmReceipt)", delivered.Id);
        if (orders.FirstOrDefault(o => o.FinalStatus == Grains.Interfaces.OrderStatus.DISPUTED) is { } disputed)
            yield return ("operator", "resolves the dispute (resolveDispute)", disputed.Id);
    }
}
