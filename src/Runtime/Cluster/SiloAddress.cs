using System.Globalization;

namespace Marketplace.Runtime.Cluster;

/// <summary>
/// One incarnation of a silo: its endpoint and a generation (start time in ticks). A restarted
/// process gets a new generation, so a silo declared dead never comes back under the same identity.
/// </summary>
public sealed record SiloAddress(string Host, int Port, long Generation)
{
    /// <summary>Host and port only: what placement hashes, so grains go home after a silo restarts on its endpoint.</summary>
    public string Endpoint => $"{Host}:{Port}";

    public override string ToString() => $"{Host}:{Port}@{Generation}";

    public static SiloAddress Parse(string text)
    {
        var at = text.LastIndexOf('@');
        var colon = text.LastIndexOf(':', at < 0 ? text.Length - 1 : at);
        if (at < 0 || colon < 0) throw new FormatException($"'{text}' is not a silo address (host:port@generation).");
        return new SiloAddress(text[..colon], int.Parse(text[(colon + 1)..at], CultureInfo.InvariantCulture),
            long.Parse(text[(at + 1)..], CultureInfo.InvariantCulture));
    }
}

/// <summary>The call could not reach a silo (it died, left, or the connection broke). Safe to retry after the view changes.</summary>
public sealed class SiloUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An exception thrown by grain code on another silo whose type this process cannot rebuild.</summary>
public sealed class RemoteGrainException(string remoteType, string message) : Exception(message)
{
    public string RemoteType { get; } = remoteType;
}
