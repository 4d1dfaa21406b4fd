namespace Marketplace.Grains.Interfaces;

/// <summary>Outcome of a mutation: the value, or the error (and then nothing changed).</summary>
[GenerateSerializer, Immutable, Alias("mp.common.Result`1")]
public sealed record Result<T>(T? Value, UserError? Error)
{
    public bool IsSuccess => Error is null;

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(UserError error) => new(default, error);

    public static implicit operator Result<T>(UserError error) => Fail(error);

    /// <summary>The value; throws when the result is an error (for tests and internal callers that just checked).</summary>
    public T Unwrap() => IsSuccess ? Value! : throw new InvalidOperationException($"{Error!.Code}: {Error.Message}");
}

public static class Result
{
    public static Result<T> Ok<T>(T value) => Result<T>.Ok(value);
}
