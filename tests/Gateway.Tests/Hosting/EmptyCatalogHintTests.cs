using Marketplace.Gateway.Hosting;
using Marketplace.Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketplace.Gateway.Tests.Hosting;

/// <summary>A new, empty store says at start how to get going.</summary>
public sealed class EmptyCatalogHintTests
{
    private static readonly string Category = typeof(EmptyCatalogHint).FullName!;

    [Fact]
    public async Task An_empty_catalog_logs_one_line_on_how_to_start_and_a_filled_one_none()
    {
        var logs = new LogCapture();
        await using var host = await GatewayHost.StartAsync(configure: builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<LogCapture>(Category, LogLevel.Information);
        });

        var hint = await Eventually.MatchAsync(() => Task.FromResult(logs.Messages(Category).ToList()), m => m.Count > 0, "the empty-catalog hint");
        var line = Assert.Single(hint);
        Assert.Contains("--demo-data", line);
        Assert.Contains("createCategory", line);
        Assert.Contains("createRegion", line);
        Assert.Equal(LogLevel.Information, logs.Lines.Single(l => l.Category == Category).Level);

        await new Market(host).CreateCategoryAsync();
        Assert.False(await host.Services.GetRequiredService<EmptyCatalogHint>().CheckAsync());
        Assert.Single(logs.Messages(Category));
    }
}
