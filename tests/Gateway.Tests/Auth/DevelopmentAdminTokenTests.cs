using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Hosting;
using Marketplace.Gateway.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Auth;

/// <summary>In Development an unconfigured admin token is kept per data folder, so restarts keep it.</summary>
public sealed class DevelopmentAdminTokenTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "admin-token-tests-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private string Folder(string name) => Path.Combine(_root, name);

    /// <summary>The admin token a gateway built over <paramref name="folder"/> uses (building is enough: it is resolved at start).</summary>
    private static async Task<string> AdminTokenOfAsync(string folder, string environment = "Development", string? configured = "")
    {
        await using var app = GatewayApp.Build(["--environment", environment], builder => builder.Configuration.AddInMemoryCollection(
        [
            new("Storage:Provider", "Memory"),
            new("Storage:SqlitePath", Path.Combine(folder, "marketplace.db")),
            new("Auth:AdminToken", configured),
        ]));
        return app.Services.GetRequiredService<AdminToken>().Value;
    }

    [Fact]
    public async Task Restarts_over_one_data_folder_keep_the_token_and_another_folder_gets_its_own()
    {
        var first = await AdminTokenOfAsync(Folder("a"));
        var again = await AdminTokenOfAsync(Folder("a"));
        var other = await AdminTokenOfAsync(Folder("b"));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        var file = Path.Combine(Folder("a"), DevelopmentAdminToken.FileName);
        Assert.Equal(first, File.ReadAllText(file).Trim());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task The_kept_token_is_an_admin_token_after_a_restart()
    {
        var folder = Folder("live");
        var token = await AdminTokenOfAsync(folder);
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:AdminToken"] = "",
            ["Storage:SqlitePath"] = Path.Combine(folder, "marketplace.db"),
        });

        var response = await host.Client.PostAsync("mutation { createRegion(input: { id: \"r-token\", name: \"R\" }) { region { id } errors { code } } }", token: token);

        Assert.Equal("r-token", response.Payload("createRegion", "region")["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configured_token_wins_and_no_file_is_written()
    {
        Assert.Equal("configured-admin-token-0123456789", await AdminTokenOfAsync(Folder("c"), configured: "configured-admin-token-0123456789"));
        Assert.False(File.Exists(Path.Combine(Folder("c"), DevelopmentAdminToken.FileName)));
    }

    [Fact]
    public async Task Outside_development_no_token_is_kept_or_read()
    {
        var folder = Folder("prod");
        Directory.CreateDirectory(folder);
        var planted = Path.Combine(folder, DevelopmentAdminToken.FileName);
        await File.WriteAllTextAsync(planted, "planted-token-0123456789abcdef");

        Assert.NotEqual("planted-token-0123456789abcdef", await AdminTokenOfAsync(folder, environment: "Production"));
        Assert.NotEqual(await AdminTokenOfAsync(Folder("prod2"), environment: "Production"), await AdminTokenOfAsync(Folder("prod2"), environment: "Production"));
        Assert.False(File.Exists(Path.Combine(Folder("prod2"), DevelopmentAdminToken.FileName)));
    }

    [Fact]
    public void A_file_without_a_token_is_replaced_and_a_loose_one_made_private()
    {
        var folder = Folder("repair");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, DevelopmentAdminToken.FileName);
        File.WriteAllText(path, "\n");

        var (token, _, created) = DevelopmentAdminToken.LoadOrCreate(folder);
        Assert.True(created);
        Assert.Equal(token, File.ReadAllText(path).Trim());

        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var (again, _, createdAgain) = DevelopmentAdminToken.LoadOrCreate(folder);
        Assert.False(createdAgain);
        Assert.Equal(token, again);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task Gateways_starting_together_over_one_folder_agree_on_the_token()
    {
        var folder = Folder("race");
        var tokens = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => DevelopmentAdminToken.LoadOrCreate(folder).Token)));

        Assert.Single(tokens.Distinct());
        Assert.Equal([DevelopmentAdminToken.FileName], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
