using Marketplace.Grains.Interfaces;

namespace Marketplace.Gateway.Schema;

/// <summary>
/// Mutation payloads from grain results: the object under its field and an empty <c>errors</c>, or null and
/// the business error. A grain's FORBIDDEN is an authorization refusal, so it becomes a GraphQL error instead.
/// </summary>
internal static class Payloads
{
    public static object Payload<T>(Result<T> result, string field) =>
        Payload(result, value => new Dictionary<string, object?> { [field] = value }, new Dictionary<string, object?> { [field] = null });

    public static object Payload<T>(Result<T> result, Func<T, Dictionary<string, object?>> success, Dictionary<string, object?> failure)
    {
        if (result.Error is { Code: ErrorCodes.Forbidden } forbidden) throw Access.Deny(forbidden.Message);
        if (result.Error is { } error)
        {
            failure["errors"] = new[] { error };
            return failure;
        }
        var payload = success(result.Value!);
        payload["errors"] = Array.Empty<UserError>();
        return payload;
    }

    public static object Failed(string field, UserError error) => new Dictionary<string, object?> { [field] = null, ["errors"] = new[] { error } };
}
