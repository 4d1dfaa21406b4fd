using System.Diagnostics;

namespace Marketplace.GraphQL.Bench;

/// <summary>The graphql-yoga peer: copied to .tmp/, npm ci, node server.mjs on its own port.</summary>
public sealed class PeerServer : IDisposable
{
    private readonly Process _process;

    private PeerServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>The peer's sources (server and the two benchmark queries), shared by every worktree.</summary>
    public static string SourceDirectory(string repoRoot) => Path.GetFullPath(Path.Combine(repoRoot, "..", "shared", "bench", "graphql-peer"));

    public static async Task<PeerServer> StartAsync(string repoRoot, int port)
    {
        var source = SourceDirectory(repoRoot);
        if (!File.Exists(Path.Combine(source, "server.mjs"))) throw new InvalidOperationException($"Peer not found at {source}.");
        var target = Path.Combine(repoRoot, ".tmp", "graphql-peer");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        if (!Directory.Exists(Path.Combine(target, "node_modules", "graphql-yoga")))
        {
            Console.WriteLine("peer: npm ci ...");
            await Tools.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], target, TimeSpan.FromMinutes(5));
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = target, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("server.mjs");
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["NODE_ENV"] = "production";
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("listening") == true) ready.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("peer: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != ready.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The peer did not start.");
        }

        return new PeerServer(process, new Uri($"http://127.0.0.1:{port}/graphql"));
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
