using System.Globalization;

namespace Marketplace.Load;

public enum LoadTargetKind { Embedded, Cluster }

/// <param name="Users">Simulated users (--users), each a seller, a buyer and a browser; one more is the operator.</param>
/// <param name="Seconds">Length of the traffic phase (--seconds); setup and the checks come on top.</param>
/// <param name="Target">embedded (the README's default: one gateway process, co-hosted silo, SQLite) or cluster (3 silos, PostgreSQL, one gateway).</param>
/// <param name="MaxRequests">The count bound: no user starts a request once this many were sent (--max-requests).</param>
/// <param name="SettleSeconds">How long the checks wait for figures that follow streams (--settle, default 30): a longer wait tells lag from loss.</param>
public sealed record LoadOptions(int Users, int Seconds, LoadTargetKind Target, int MaxRequests, int SettleSeconds)
{
    public static LoadOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }
        int Number(string name, int fallback) => int.Parse(Value(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var target = Value("--target", "embedded").ToLowerInvariant() switch
        {
            "embedded" => LoadTargetKind.Embedded,
            "cluster" => LoadTargetKind.Cluster,
            var other => throw new ArgumentException($"--target {other}: expected embedded or cluster."),
        };
        var users = Number("--users", 40);
        var seconds = Number("--seconds", 90);
        if (users < 2) throw new ArgumentException("--users must be at least 2 (a buyer needs someone else's items).");
        if (seconds < 10) throw new ArgumentException("--seconds must be at least 10.");
        // A user sends at most about 20 requests a second (think time); the bound stops a runaway loop, not normal traffic.
        return new LoadOptions(users, seconds, target, Number("--max-requests", users * seconds * 20), Number("--settle", 30));
    }
}
