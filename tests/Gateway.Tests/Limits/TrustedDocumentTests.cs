using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Marketplace.Gateway.Schema;
using Marketplace.Gateway.Tests.Support;
using Marketplace.GraphQL.Language;
using Marketplace.GraphQL.Transport;
using Marketplace.GraphQL.Validation;

namespace Marketplace.Gateway.Tests.Limits;

/// <summary>The registered documents of the front ends (clients/documents), and a gateway that accepts only them.</summary>
public sealed class TrustedDocumentTests
{
    private static string DocumentsFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return Path.Combine(directory.FullName, "clients", "documents");
        throw new InvalidOperationException("Marketplace.sln not found above the test binaries.");
    }

    public static TheoryData<string> RegisteredDocuments()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(DocumentsFolder(), "*.graphql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(DocumentsFolder(), file));
        return data;
    }

    [Theory]
    [MemberData(nameof(RegisteredDocuments))]
    public void Every_registered_document_is_valid_against_the_served_schema(string file)
    {
        var document = Parser.Parse(File.ReadAllText(Path.Combine(DocumentsFolder(), file)));
        Assert.Empty(SpecifiedRules.Validate(MarketplaceSchema.Build(), document).Select(e => e.Message));
    }

    [Fact]
    public async Task A_production_gateway_with_trusted_documents_required_refuses_an_unknown_document_and_runs_a_registered_one_by_id()
    {
        await using var host = await GatewayHost.StartAsync(new Dictionary<string, string?> { ["TrustedDocuments:Required"] = "true" }, environment: "Production");
        var browse = File.ReadAllText(Path.Combine(DocumentsFolder(), "mobile", "Browse.graphql"));

        var unknown = await host.Client.PostAsync("{ categories { id } }");
        Assert.Equal((int)HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["TRUSTED_DOCUMENT_REQUIRED"], unknown.ErrorCodes);

        using var byId = await host.Client.Http.PostAsync(host.GraphQLEndpoint, new StringContent(
            new JsonObject { ["documentId"] = TrustedDocumentStore.IdOf(browse), ["variables"] = new JsonObject { ["first"] = 5 } }.ToJsonString(),
            Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await byId.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.NotNull(body["data"]!["items"]!["totalCount"]);

        // The registered text itself is accepted too (clients that have not switched to ids yet).
        Assert.Equal(200, (await host.Client.PostAsync(browse, new { first = 1 })).StatusCode);
    }
}
