using Marketplace.Grains.Interfaces.Users;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Marketplace.Grains.Users;

public sealed class TokenState
{
    public string? UserId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public bool Revoked { get; set; }
}

/// <summary>Keyed by the token's SHA-256: the clear token never reaches storage.</summary>
[GrainType("token")]
public sealed class TokenGrain([PersistentState("token")] IPersistentState<TokenState> state, TimeProvider time) : Grain, ITokenGrain
{
    public async Task IssueAsync(string userId, DateTimeOffset expiresAt)
    {
        // A second issue under the same hash would mean a 256-bit collision: refuse rather than rebind the token.
        if (state.State.UserId is not null && state.State.UserId != userId)
            throw new InvalidOperationException("Token hash already issued to another user.");
        state.State.UserId = userId;
        state.State.ExpiresAt = expiresAt;
        state.State.Revoked = false;
        await state.WriteStateAsync();
    }

    public Task<string?> ValidateAsync() =>
        Task.FromResult(state.State is { UserId: { } userId, Revoked: false } && time.GetUtcNow() < state.State.ExpiresAt ? userId : null);

    public async Task RevokeAsync()
    {
        if (state.State.UserId is null || state.State.Revoked) return;
        state.State.Revoked = true;
        await state.WriteStateAsync();
    }
}
