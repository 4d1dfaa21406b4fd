using System.Globalization;

namespace Marketplace.Runtime.Persistence;

/// <summary>ETags of our providers are version numbers; anything else cannot match a stored record.</summary>
internal static class EtagVersion
{
    public static string Format(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static long Parse(string etag, GrainId grainId, string stateName) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException(
                $"ETag '{etag}' of state '{stateName}' of grain {grainId} is not a version of this store.", null, etag);

    public static InconsistentStateException Conflict(GrainId grainId, string stateName, string operation, long? storedVersion, string? currentEtag) =>
        new($"ETag conflict on {operation} of state '{stateName}' of grain {grainId}: stored version " +
            $"{(storedVersion is { } v ? Format(v) : "none")}, this activation holds {currentEtag ?? "none"}.",
            storedVersion is { } s ? Format(s) : null, currentEtag);
}
