using Marketplace.GraphQL.Types;
using Xunit.Abstractions;

namespace Marketplace.GraphQL.Tests.Transport;

/// <summary>Clients written by others (npm graphql-http, graphql, graphql-ws) against our endpoint.</summary>
public sealed class RealClientTests : IClassFixture<TransportServersFixture>
{
    private readonly TransportServersFixture _servers;

    private readonly ITestOutputHelper _output;

    public RealClientTests(TransportServersFixture servers, ITestOutputHelper output)
    {
        _servers = servers;
        _output = output;
    }

    [Fact]
    public async Task Graphql_http_server_audits_pass_every_MUST()
    {
        var outcome = await NodeClient.RunAsync("audit.mjs", _servers.Production.Endpoint.ToString());
        _output.WriteLine(outcome.Output);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Contains("MUST failures: 0", outcome.Output);
        Assert.DoesNotContain("ERROR ", outcome.Output);
    }

    [Fact]
    public async Task Reference_implementation_rebuilds_an_identical_schema_from_our_introspection()
    {
        var sdlFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(sdlFile, SchemaPrinter.Print(TransportTestSchema.Create()));
            var outcome = await NodeClient.RunAsync("schema.mjs", _servers.Production.Endpoint.ToString(), sdlFile);
            Assert.True(outcome.ExitCode == 0, outcome.Output);
            Assert.Contains("SDL IDENTICAL", outcome.Output);
        }
        finally
        {
            File.Delete(sdlFile);
        }
    }

    [Fact]
    public async Task Graphql_ws_client_receives_subscription_events_then_complete()
    {
        var outcome = await NodeClient.RunAsync("ws-client.mjs", _servers.Development.WebSocketEndpoint.ToString(), "subscribe", TransportTestServer.GoodToken);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        var lines = outcome.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
        [
            "NEXT {\"data\":{\"ticks\":1}}",
            "NEXT {\"data\":{\"ticks\":2}}",
            "NEXT {\"data\":{\"ticks\":3}}",
            "COMPLETE",
        ], lines);
    }

    [Theory]
    [InlineData("Bearer wrong", "4401")]
    [InlineData(TransportTestServer.ForbiddenToken, "4403")]
    public async Task Graphql_ws_client_with_a_bad_token_is_closed_with_the_auth_code(string token, string code)
    {
        var outcome = await NodeClient.RunAsync("ws-client.mjs", _servers.Development.WebSocketEndpoint.ToString(), "rejected", token);
        Assert.True(outcome.ExitCode == 0, outcome.Output);
        Assert.Contains("CLOSED " + code, outcome.Output);
        Assert.DoesNotContain("NEXT", outcome.Output);
    }
}
