using Marketplace.Gateway.Auth;
using Marketplace.Grains.Interfaces;
using Orleans.Dashboard;

namespace Marketplace.Gateway.Hosting;

/// <summary>
/// The Orleans Dashboard (grain calls, activations, silos) at /dashboard, for ADMIN only. On in Development,
/// elsewhere only with Dashboard:Enabled=true. A browser signs in once with /dashboard?access_token=ADMIN_TOKEN,
/// which sets an HTTP-only cookie; tools may send the usual Authorization: Bearer header instead.
/// </summary>
public static class OperatorDashboard
{
    public const string Path = "/dashboard";
    private const string Cookie = "marketplace-dashboard";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Dashboard:Enabled") ?? environment.IsDevelopment();

    public static WebApplication MapOperatorDashboard(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment)) return app;
        app.MapOrleansDashboard(Path).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var offered = http.Request.Query["access_token"].ToString() is { Length: > 0 } query ? "Bearer " + query
                : http.Request.Cookies[Cookie] is { Length: > 0 } cookie ? "Bearer " + cookie
                : http.Request.Headers.Authorization.ToString();
            var caller = await http.RequestServices.GetRequiredService<BearerAuthenticator>().AuthenticateAsync(offered);
            if (!caller.Has(Role.ADMIN)) return Results.Json(new { error = "The dashboard is for ADMIN tokens: open /dashboard?access_token=<admin token>." }, statusCode: StatusCodes.Status401Unauthorized);
            if (http.Request.Query.ContainsKey("access_token"))
                http.Response.Cookies.Append(Cookie, http.Request.Query["access_token"].ToString(), new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = Path, Secure = http.Request.IsHttps });
            return await next(context);
        });
        return app;
    }
}
