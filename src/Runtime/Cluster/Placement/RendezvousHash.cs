using System.Collections.Immutable;
using System.Text;

namespace Marketplace.Runtime.Cluster.Placement;

/// <summary>
/// Highest-random-weight hashing: the owner of a key is the silo with the highest hash of
/// (silo endpoint, key). Every process with the same set of active silos picks the same owner,
/// and when a silo leaves only its own keys move. The hash is our own FNV-1a + finalizer so it
/// never depends on the runtime's randomized string hashing.
/// </summary>
public static class RendezvousHash
{
    public static SiloAddress? PickOwner(ImmutableArray<SiloAddress> silos, string key)
    {
        SiloAddress? best = null;
        var bestScore = 0UL;
        foreach (var silo in silos)
        {
            var score = Score(silo.Endpoint, key);
            if (best is null || score > bestScore || (score == bestScore && string.CompareOrdinal(silo.Endpoint, best.Endpoint) > 0))
            {
                best = silo;
                bestScore = score;
            }
        }
        return best;
    }

    public static string KeyOf(GrainId grainId) => grainId.Type + "/" + grainId.Key;

    public static ulong Score(string siloEndpoint, string key)
    {
        var hash = 14695981039346656037UL;
        hash = Mix(hash, siloEndpoint);
        hash = (hash ^ 0xFF) * 1099511628211UL;
        hash = Mix(hash, key);
        // splitmix64 finalizer: FNV alone clusters for keys that differ only at the end.
        hash ^= hash >> 30; hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27; hash *= 0x94d049bb133111ebUL;
        return hash ^ (hash >> 31);
    }

    private static ulong Mix(ulong hash, string text)
    {
        // Every call of every grain hashes: keep it allocation-free for ordinary key lengths.
        Span<byte> buffer = stackalloc byte[512];
        var bytes = Encoding.UTF8.GetMaxByteCount(text.Length) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes) hash = (hash ^ b) * 1099511628211UL;
        return hash;
    }
}
