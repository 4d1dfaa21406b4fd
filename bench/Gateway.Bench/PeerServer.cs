using System.Diagnostics;

namespace Marketplace.Gateway.Bench;

/// <summary>The peer (graphql-yoga on Node) from ../shared/bench/graphql-peer, copied to a scratch folder and installed with npm ci.</summary>
internal sealed class PeerServer : IAsyncDisposable
{
    private readonly Process _process;

    private PeerServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<PeerServer> StartAsync(string peerDirectory, string scratch, int port)
    {
        Directory.CreateDirectory(scratch);
        foreach (var file in new[] { "server.mjs", "package.json", "package-lock.json" })
            File.Copy(Path.Combine(peerDirectory, file), Path.Combine(scratch, file), overwrite: true);
        if (!Directory.Exists(Path.Combine(scratch, "node_modules")))
        {
            using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = scratch })!;
            await npm.WaitForExitAsync();
            if (npm.ExitCode != 0) throw new InvalidOperationException("npm ci for the peer failed.");
        }
        var info = new ProcessStartInfo("node", "server.mjs") { WorkingDirectory = scratch, RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info)!;
        var ready = await process.StandardOutput.ReadLineAsync();
        if (ready is null || !ready.Contains("listening", StringComparison.Ordinal)) throw new InvalidOperationException("The peer did not start: " + ready);
        return new PeerServer(process, new Uri($"http://127.0.0.1:{port}/graphql"));
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
