using Marketplace.Gateway.Tests.Support;
using Microsoft.Playwright;

namespace Marketplace.Console.Tests.Support;

/// <summary>One real gateway (in-process silo, memory store) and one Chromium for the console tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public GatewayHost Host { get; private set; } = null!;
    public Market Market { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync();
        Market = new Market(Host);
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh browser context (own localStorage) on the console, signed in with the token.</summary>
    /// <param name="prepare">Set-up of the context before the first navigation (e.g. a WebSocket route).</param>
    public async Task<ConsolePage> OpenAsync(string? token, int width = 1440, int height = 900, Func<IBrowserContext, Task>? prepare = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        if (prepare is not null) await prepare(context);
        var page = await context.NewPageAsync();
        var console = new ConsolePage(page, Host.BaseAddress);
        await console.GoToAsync("");
        if (token is not null) await console.SignInAsync(token);
        return console;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    // One collection: the tests share one gateway and one browser and run one after another (2 cores).
    public const string Name = "console";
}
