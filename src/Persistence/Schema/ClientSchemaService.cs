using Microsoft.Extensions.Hosting;

namespace Marketplace.Persistence.Schema;

/// <summary>
/// Runs the schema installer in a cluster client's host. A client reads the gateway list from the
/// membership table while its hosted service starts, before any client lifecycle stage, so the install
/// happens in <see cref="IHostedLifecycleService.StartingAsync"/>, which the host runs for every hosted
/// service before it starts any of them.
/// </summary>
internal sealed class ClientSchemaService(SchemaInstaller installer) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => installer.EnsureInstalledAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
