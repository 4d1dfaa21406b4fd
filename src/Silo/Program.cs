using Marketplace.Silo;

// One silo of the cluster, configured from appsettings, environment (Cluster__SiloPort=...) and arguments (--Cluster:SiloPort=...).
var app = SiloApplication.Build(args);
app.Run();
