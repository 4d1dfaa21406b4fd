using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Marketplace.GraphQL.Transport;

/// <summary>What the authenticator sees when a client sends connection_init.</summary>
public sealed record ConnectionInitContext(HttpContext HttpContext, JsonElement? Payload, CancellationToken CancellationToken)
{
    /// <summary>A string property of the payload (e.g. "authorization"), or null.</summary>
    public string? GetPayloadString(string name) =>
        Payload is { ValueKind: JsonValueKind.Object } payload
        && payload.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

public enum ConnectionInitOutcome
{
    Accepted,
    /// <summary>No or invalid credentials: closed with 4401.</summary>
    Unauthorized,
    /// <summary>Valid credentials that may not connect: closed with 4403.</summary>
    Forbidden,
}

/// <summary>Decision on connection_init; <see cref="Context"/> becomes the resolvers' UserContext for the socket.</summary>
public sealed record ConnectionInitResult(ConnectionInitOutcome Outcome, object? Context = null, IReadOnlyDictionary<string, object?>? AckPayload = null)
{
    public static ConnectionInitResult Accept(object? context = null, IReadOnlyDictionary<string, object?>? ackPayload = null) =>
        new(ConnectionInitOutcome.Accepted, context, ackPayload);

    public static ConnectionInitResult Unauthorized() => new(ConnectionInitOutcome.Unauthorized);
    public static ConnectionInitResult Forbidden() => new(ConnectionInitOutcome.Forbidden);
}
