using System.Globalization;
using System.Text.RegularExpressions;

namespace Marketplace.GraphQL.Bench;

/// <summary>The wrk load generator posting one JSON body; installed from Debian's packages when missing.</summary>
internal static partial class Wrk
{
    public static async Task EnsureInstalledAsync()
    {
        if (Tools.OnPath("wrk")) return;
        Console.WriteLine("wrk missing: apt-get install wrk ...");
        await Tools.RunAsync("apt-get", ["update", "-qq"], null, TimeSpan.FromMinutes(5));
        await Tools.RunAsync("apt-get", ["install", "-y", "-qq", "wrk"], null, TimeSpan.FromMinutes(5));
    }

    public static string WriteScript(string directory, string name, string body)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".lua");
        var escaped = body.Replace("\\", "\\\\").Replace("\"", "\\\"");
        File.WriteAllText(path, $"""
            wrk.method = "POST"
            wrk.body = "{escaped}"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["Accept"] = "application/graphql-response+json"
            """);
        return path;
    }

    /// <summary>Runs one timed round and returns requests per second; fails on any non-2xx answer.</summary>
    public static async Task<double> RunAsync(Uri endpoint, string script, int connections, int threads, TimeSpan duration)
    {
        var output = await Tools.RunAsync("wrk",
            ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
             "-d", $"{(int)duration.TotalSeconds}s", "-s", script, endpoint.ToString()],
            null, duration + TimeSpan.FromMinutes(1));
        if (output.Contains("Non-2xx", StringComparison.Ordinal)) throw new InvalidOperationException("Non-2xx responses during load:\n" + output);
        var match = RequestsPerSecond().Match(output);
        if (!match.Success) throw new InvalidOperationException("Unexpected wrk output:\n" + output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();
}
