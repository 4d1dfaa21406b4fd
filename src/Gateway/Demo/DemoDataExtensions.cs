namespace Marketplace.Gateway.Demo;

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

    /// <summary>Loads the demo data set at start when <c>--demo-data</c> is given or Marketplace:DemoData is true.</summary>
    public static IHostApplicationBuilder AddDemoData(this IHostApplicationBuilder builder, string[] args)
    {
        var requested = args.Contains(Flag, StringComparer.OrdinalIgnoreCase) || builder.Configuration.GetValue<bool>(ConfigurationKey);
        if (requested)
        {
            builder.Services.AddSingleton<DemoDataLoader>();
            builder.Services.AddHostedService<DemoDataHostedService>();
        }
        return builder;
    }
}

/// <summary>Runs the loader once the silo is up (hosted services start in registration order).</summary>
internal sealed class DemoDataHostedService(DemoDataLoader loader, ILogger<DemoDataHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var summary = await loader.LoadAsync(cancellationToken);
        logger.LogInformation("Demo data ready: {Summary}", summary);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
