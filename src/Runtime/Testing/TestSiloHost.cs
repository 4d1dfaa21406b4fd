using Marketplace.Runtime.Activation;
using Marketplace.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Marketplace.Runtime.Testing;

/// <summary>
/// One silo in the test process on the generic host. <see cref="RestartAsync"/> stops it and starts
/// a fresh one with the same configuration (state survives only in stores outside the process' memory).
/// </summary>
public sealed class TestSiloHost : IAsyncDisposable
{
    private readonly Action<ISiloBuilder>? _configure;
    private readonly Action<IServiceCollection>? _services;
    private IHost _host;

    private TestSiloHost(IHost host, Action<ISiloBuilder>? configure, Action<IServiceCollection>? services)
    {
        _host = host;
        _configure = configure;
        _services = services;
    }

    public IClusterClient GrainFactory => _host.Services.GetRequiredService<IClusterClient>();
    public IServiceProvider Services => _host.Services;

    /// <param name="configure">Silo configuration (grain assemblies, storage, streams).</param>
    /// <param name="services">Extra services, applied after the silo's defaults so they can replace them (e.g. a TimeProvider).</param>
    public static async Task<TestSiloHost> StartAsync(Action<ISiloBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var host = await StartHostAsync(configure, services);
        return new TestSiloHost(host, configure, services);
    }

    /// <summary>
    /// Waits until no activation runs or queues a turn. A caller gets its response before the turn's own
    /// bookkeeping ends; tests that move a fake clock right after a call wait here first.
    /// </summary>
    public async Task WaitForQuietActivationsAsync(TimeSpan? timeout = null)
    {
        var catalog = _host.Services.GetRequiredService<Catalog>();
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!catalog.Activations.All(a => a.IsQuiet))
        {
            await Task.Delay(2, deadline.Token);
        }
    }

    public async Task StopAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        _host = await StartHostAsync(_configure, _services);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (ObjectDisposedException)
        {
            // Already stopped by the test.
        }
        _host.Dispose();
    }

    private static async Task<IHost> StartHostAsync(Action<ISiloBuilder>? configure, Action<IServiceCollection>? services)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.UseSilo(silo => configure?.Invoke(silo));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
