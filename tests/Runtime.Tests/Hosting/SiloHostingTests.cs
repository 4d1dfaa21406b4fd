using Marketplace.Runtime.Hosting;
using Marketplace.Runtime.Tests.Core;
using Marketplace.Runtime.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketplace.Runtime.Tests.Hosting;

public sealed class SiloHostingTests
{
    [Fact]
    public async Task UseSilo_binds_runtime_options_from_configuration_and_registers_the_cluster_client()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:CollectionAge"] = "00:02:00",
            ["Runtime:CollectionQuantum"] = "00:00:10",
            ["Runtime:ResponseTimeout"] = "00:00:07",
        });
        builder.Services.AddSingleton<GrainEvents>();
        builder.UseSilo(silo => silo.AddGrains(typeof(CounterGrain).Assembly));
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(TimeSpan.FromMinutes(2), host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.CollectionAge);
        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value.CollectionQuantum);
        Assert.Equal(TimeSpan.FromSeconds(7), host.Services.GetRequiredService<IOptions<MessagingOptions>>().Value.ResponseTimeout);
        Assert.Equal(1, await host.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("c").Increment());
        await host.StopAsync();
    }

    [Fact]
    public async Task Invalid_runtime_options_fail_the_start_with_a_clear_message()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:ResponseTimeout"] = "-00:00:01" });
        builder.UseSilo(silo => silo.AddGrains(typeof(CounterGrain).Assembly));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("ResponseTimeout", error.Message);
    }

    [Fact]
    public async Task A_deactivation_outlasting_the_shutdown_timeout_ends_the_stop_without_an_exception()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton(new SlowDeactivation(release.Task));
        builder.UseSilo(silo => silo.AddGrains(typeof(SlowToDeactivateGrain).Assembly));
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IClusterClient>().GetGrain<ISlowToDeactivateGrain>("s").PingAsync();

        var stopping = host.StopAsync();
        var finished = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(30)));
        release.SetResult();

        Assert.Same(stopping, finished); // the stop gave up at the host's timeout instead of waiting for the grain
        await stopping; // and it did not throw (an unhandled TaskCanceledException used to end the process)
    }

    [Fact]
    public void Adding_a_second_silo_to_the_same_services_is_refused()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddSilo(configuration, _ => { });
        Assert.Throws<InvalidOperationException>(() => services.AddSilo(configuration, _ => { }));
    }
}

public sealed record SlowDeactivation(Task Release);

public interface ISlowToDeactivateGrain : IGrainWithStringKey
{
    Task PingAsync();
}

public sealed class SlowToDeactivateGrain(SlowDeactivation slow) : Grain, ISlowToDeactivateGrain
{
    public Task PingAsync() => Task.CompletedTask;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => slow.Release;
}
