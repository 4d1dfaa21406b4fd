using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Marketplace.Gateway.Bench;

/// <summary>
/// Closed-loop load: N workers over one HttpClient (the same connection pool for both servers) post the
/// same body back to back for a fixed time; answers requests per second. A non-200 answer or a body
/// with "errors" aborts the run (a fast wrong answer must not count).
/// </summary>
internal sealed class LoadGenerator(HttpClient http, int workers)
{
    /// <param name="token">Sent as a bearer token when given (fields that need a caller).</param>
    public async Task<double> RunAsync(Uri endpoint, string body, TimeSpan duration, string? token = null)
    {
        var stopwatch = Stopwatch.StartNew();
        long completed = 0;
        var tasks = Enumerable.Range(0, workers).Select(async _ =>
        {
            while (stopwatch.Elapsed < duration)
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode || text.Contains("\"errors\"", StringComparison.Ordinal))
                    throw new InvalidOperationException($"{endpoint} answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 400)]}");
                Interlocked.Increment(ref completed);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        return completed / stopwatch.Elapsed.TotalSeconds;
    }
}
