using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Tests.Support;

/// <summary>Starts a test silo with this assembly's grains and the shared test services.</summary>
public static class Silo
{
    public static Task<TestSiloHost> StartAsync(Action<IServiceCollection>? services = null, Action<ISiloBuilder>? configure = null) =>
        TestSiloHost.StartAsync(
            silo =>
            {
                silo.AddGrains(typeof(Silo).Assembly);
                configure?.Invoke(silo);
            },
            s =>
            {
                s.AddSingleton<GrainEvents>();
                s.AddSingleton<Gate>();
                services?.Invoke(s);
            });
}
