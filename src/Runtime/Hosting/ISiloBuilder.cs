using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Runtime.Hosting;

/// <summary>Configures one silo: providers register themselves on <see cref="Services"/> through extension methods.</summary>
public interface ISiloBuilder
{
    IServiceCollection Services { get; }
    IConfiguration Configuration { get; }
}
