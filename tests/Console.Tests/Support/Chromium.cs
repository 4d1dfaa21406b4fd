using Microsoft.Playwright;

namespace Marketplace.Console.Tests.Support;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: ExecutablePath points at the system build;
/// scripts/test.sh installs it when missing). CHROMIUM_PATH overrides the path.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"Chromium is missing at {ExecutablePath}: install it with `apt-get install -y chromium` (scripts/test.sh does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Tests run as root in CI, where Chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
