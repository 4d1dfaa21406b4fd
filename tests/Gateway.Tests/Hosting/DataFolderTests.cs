using System.Diagnostics;
using Marketplace.Gateway.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Gateway.Tests.Hosting;

/// <summary>./data is relative to where the gateway was started, for `dotnet run --project src/Gateway` too.</summary>
public sealed class DataFolderTests
{
    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    [Fact]
    public void Relative_store_paths_are_taken_from_the_start_directory()
    {
        var start = Path.Combine(Path.GetTempPath(), "start");

        var byDefault = DataFolder.Resolve(Settings(), start);
        Assert.Equal(Path.Combine(start, "data"), byDefault.Path);
        Assert.Equal(Path.Combine(start, "data", "marketplace.db"), byDefault.SqlitePath);

        var relative = DataFolder.Resolve(Settings(("Storage:SqlitePath", "stores/../mine/m.db")), start);
        Assert.Equal(Path.Combine(start, "mine"), relative.Path);

        var absolute = Path.Combine(Path.GetTempPath(), "elsewhere", "m.db");
        Assert.Equal(absolute, DataFolder.Resolve(Settings(("Storage:SqlitePath", absolute)), start).SqlitePath);
    }

    [Fact]
    public async Task The_gateway_pins_the_store_path_from_the_current_directory_and_reads_settings_from_its_output_folder()
    {
        var relative = $"./data-{Guid.NewGuid():N}/marketplace.db";
        var expected = Path.GetFullPath(relative);
        try
        {
            await using var app = GatewayApp.Build([], builder => builder.Configuration.AddInMemoryCollection([new("Storage:SqlitePath", relative)]));

            Assert.Equal(expected, app.Configuration["Storage:SqlitePath"]);
            Assert.Equal(Path.GetDirectoryName(expected), app.Services.GetRequiredService<DataFolder>().Path);
            Assert.Equal(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory), Path.TrimEndingDirectorySeparator(app.Environment.ContentRootPath));
        }
        finally
        {
            if (Directory.Exists(Path.GetDirectoryName(expected))) Directory.Delete(Path.GetDirectoryName(expected)!, recursive: true);
        }
    }

    [Fact]
    public async Task Dotnet_run_starts_the_gateway_in_the_directory_it_was_typed_in()
    {
        // dotnet run starts the app in $(RunWorkingDirectory), or where it was typed when that is empty;
        // the Web SDK sets it to the project folder unless EnableDefaultRunWorkingDirectory is false.
        var project = Path.Combine(RepositoryRoot(), "src", "Gateway", "Marketplace.Gateway.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { "msbuild", project, "-getProperty:RunWorkingDirectory", "-nologo" }) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, await output + await errors);

        Assert.Equal("", (await output).Trim());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        throw new InvalidOperationException("Marketplace.sln not found above the test binaries.");
    }
}
