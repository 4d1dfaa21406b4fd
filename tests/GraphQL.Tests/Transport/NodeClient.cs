using System.Diagnostics;

namespace Marketplace.GraphQL.Tests.Transport;

/// <summary>Runs a script of tests/clients with node; fails clearly when node or the npm packages are missing.</summary>
internal static class NodeClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Outcome(int ExitCode, string Output);

    public static string ClientsDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
                    return Path.Combine(dir.FullName, "tests", "clients");
            }

            throw new InvalidOperationException("Repository root (Marketplace.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    public static async Task<Outcome> RunAsync(string script, params string[] arguments)
    {
        var node = FindOnPath("node");
        Assert.True(node is not null, "node is not installed: run scripts/test.sh (it installs Node and the test clients).");
        var clients = ClientsDirectory;
        Assert.True(Directory.Exists(Path.Combine(clients, "node_modules", "graphql-http")),
            $"{clients}/node_modules is missing: run scripts/test.sh (it runs npm ci in tests/clients).");

        var start = new ProcessStartInfo(node!) { WorkingDirectory = clients, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"node {script} did not finish within {Timeout}. Output so far: {await stdout}{await stderr}");
        }

        return new Outcome(process.ExitCode, await stdout + await stderr);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }
}
