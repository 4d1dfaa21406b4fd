using Marketplace.Runtime.Persistence;

namespace Marketplace.Runtime.Tests.Persistence;

/// <summary>What the SQL stores add: payloads damaged behind the provider's back are reported, not swallowed.</summary>
public abstract class SqlGrainStorageContract : GrainStorageContract
{
    protected abstract Task ExecuteSqlAsync(string sql);

    [Fact]
    public async Task A_corrupt_payload_raises_an_error_naming_the_grain_and_the_state()
    {
        var grain = TestStates.NewGrain();
        var state = Bind(CreateStorage(), grain, stateName: "profile");
        await state.ReadStateAsync();
        state.State = TestStates.Sample();
        await state.WriteStateAsync();

        await ExecuteSqlAsync($"UPDATE grain_state SET payload = '{{\"Title\": [not json' WHERE grain_key = '{grain.Key}'");

        var reader = Bind(CreateStorage(), grain, stateName: "profile");
        var error = await Assert.ThrowsAsync<GrainStateCorruptException>(reader.ReadStateAsync);
        Assert.Contains(grain.ToString(), error.Message);
        Assert.Contains("'profile'", error.Message);
    }

    [Fact]
    public async Task A_payload_of_the_wrong_shape_is_reported_as_corrupt()
    {
        var grain = TestStates.NewGrain();
        var state = Bind(CreateStorage(), grain);
        await state.ReadStateAsync();
        await state.WriteStateAsync();

        await ExecuteSqlAsync($"UPDATE grain_state SET payload = '{{\"Price\": \"not a number\"}}' WHERE grain_key = '{grain.Key}'");

        var reader = Bind(CreateStorage(), grain);
        var error = await Assert.ThrowsAsync<GrainStateCorruptException>(reader.ReadStateAsync);
        Assert.Contains(grain.ToString(), error.Message);
    }
}
