using System.Net;
using System.Net.Sockets;

namespace Marketplace.Persistence.Tests.Infrastructure;

/// <summary>Ports nobody listens on, so silos of different tests (and other engineers' runs) never collide.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
