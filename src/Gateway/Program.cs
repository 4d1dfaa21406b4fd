using Marketplace.Gateway.Hosting;

// Dev mode: `dotnet run --project src/Gateway` hosts one silo in this process (SQLite under ./data of the
// directory the command was run in, see DataFolder),
// serves GraphQL (and GraphiQL in Development) on /graphql where --urls / ASPNETCORE_URLS say
// (default http://localhost:5000), and the operator console on /console (OperatorConsole). `--demo-data` loads the demo market.
GatewayApp.Build(args).Run();
