using Microsoft.Extensions.FileProviders;

namespace Marketplace.Gateway.Hosting;

/// <summary>
/// The operator console (src/Console, built by the project's MSBuild target into the output folder's
/// console/) served as static files at /console, and its GraphiQL build as the /graphql page in Development.
/// Without a build (node was missing at build time) /console says how to get one instead of a blank 404.
/// </summary>
public static class OperatorConsole
{
    public const string Path = "/console";

    public static string Folder => System.IO.Path.Combine(AppContext.BaseDirectory, "console");

    public static string GraphiQLPage => System.IO.Path.Combine(Folder, "graphiql.html");

    public static WebApplication MapOperatorConsole(this WebApplication app)
    {
        // "/console" to "/console/": the page's relative links resolve under the folder. (A route would also
        // match "/console/" and redirect forever.)
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value != Path) return next(context);
            context.Response.Redirect(Path + "/");
            return Task.CompletedTask;
        });
        if (!File.Exists(System.IO.Path.Combine(Folder, "index.html")))
        {
            app.Logger.LogWarning("The operator console is not built (no {ConsoleFolder}): build the gateway with Node.js installed.", Folder);
            app.MapGet(Path + "/{**rest}", () => Results.Text(
                "The operator console was not built: Node.js and npm were missing when the gateway was built. Install them (apt-get install nodejs npm) and build again.",
                statusCode: StatusCodes.Status503ServiceUnavailable));
            return app;
        }

        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            // index.html names the bundles, whose names change with each build: never serve a stale one.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });
        return app;
    }
}
