using System.Diagnostics;
using System.Text;

namespace Marketplace.Gateway.Tests.Support;

/// <summary>Runs a script of tests/clients with node (the real JS clients); fails clearly when node or the packages are missing.</summary>
public sealed class NodeClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private NodeClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_gate) _output.AppendLine("stderr: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static string ClientsDirectory
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "tests", "clients");
                if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln")))
                {
                    Assert.True(Directory.Exists(Path.Combine(candidate, "node_modules")),
                        $"Node packages are missing in {candidate}: run `npm ci` there (scripts/test.sh does).");
                    return candidate;
                }
            }
            Assert.Fail("Marketplace.sln not found above the test binaries.");
            return "";
        }
    }

    public static NodeClient Start(string script, params string[] arguments)
    {
        var info = new ProcessStartInfo("node") { WorkingDirectory = ClientsDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return new NodeClient(Process.Start(info) ?? throw new InvalidOperationException("node did not start"));
    }

    public string Output
    {
        get { lock (_gate) return _output.ToString(); }
    }

    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public Task WaitForLineAsync(Func<string, bool> match, string what) =>
        Eventually.MatchAsync(() => Task.FromResult(Lines), lines => lines.Any(match) || _process.HasExited && !Lines.Any(match) && Fail(what), what, TimeSpan.FromSeconds(60));

    private bool Fail(string what) => throw new Xunit.Sdk.XunitException($"node exited before {what}: {Output}");

    public async Task<string> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(timeout.Token);
        _process.WaitForExit(); // flushes the async output readers
        return Output;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
