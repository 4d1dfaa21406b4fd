namespace Marketplace.Gateway.Tests.Support;

/// <summary>One gateway with the default (long) deadlines shared by the tests of a collection.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayHost Host { get; private set; } = null!;
    public Market Market { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await GatewayHost.StartAsync();
        Market = new Market(Host);
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
