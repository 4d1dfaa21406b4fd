using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Demo;
using Marketplace.Gateway.Hosting;
using Marketplace.GraphQL.Transport;

// Dev mode: `dotnet run --project src/Gateway` hosts one silo in this process (SQLite under ./data),
// serves GraphQL (and GraphiQL in Development) on /graphql where --urls / ASPNETCORE_URLS say.
var builder = WebApplication.CreateBuilder(args);
builder.AddInProcessSilo();
builder.AddMarketplaceGateway();
builder.AddDemoData(args);

var app = builder.Build();
app.MapGraphQL("/graphql");
app.MapMarketplaceHealth();
// Resolve the admin token at start so a generated one is logged before the first request.
app.Services.GetRequiredService<AdminToken>();
app.Run();

/// <summary>Entry point type, public so tests can host the gateway in process.</summary>
public partial class Program;
