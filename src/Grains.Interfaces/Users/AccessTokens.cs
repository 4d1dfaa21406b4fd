using System.Security.Cryptography;
using System.Text;

namespace Marketplace.Grains.Interfaces.Users;

/// <summary>Token generation and hashing, shared by the user grain (issuing) and the gateway (authenticating).</summary>
public static class AccessTokens
{
    /// <summary>A random 256-bit token, base64url without padding.</summary>
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of the token: the key of its <see cref="ITokenGrain"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
