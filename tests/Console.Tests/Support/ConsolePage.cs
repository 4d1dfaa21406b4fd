using Microsoft.Playwright;

namespace Marketplace.Console.Tests.Support;

/// <summary>The console in one browser page, driven as a person would: by labels, buttons and links.</summary>
public sealed class ConsolePage(IPage page, Uri gateway) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public async Task GoToAsync(string route) => await Page.GotoAsync(new Uri(gateway, "/console/" + (route.Length > 0 ? "#/" + route : "")).ToString());

    public async Task SignInAsync(string token)
    {
        await Page.GetByLabel("Bearer token").FillAsync(token);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task WaitForSignedInAsync() =>
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();

    public ILocator Navigation => Page.GetByRole(AriaRole.Navigation, new() { Name = "Console pages" });

    public ILocator Tile(string kpi) => Page.Locator($"[data-kpi='{kpi}']");

    /// <summary>The raw figure behind a market tile (the gateway's value as the page received it).</summary>
    public async Task<string?> TileValueAsync(string kpi) => await Tile(kpi).GetAttributeAsync("data-value");

    public async Task WaitForTilesAsync() => await Page.Locator("section.tiles[data-loaded='true']").WaitForAsync();

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
