using System.Diagnostics;

namespace Marketplace.Console.Tests;

/// <summary>
/// The console sends only registered (trusted) documents: the files under clients/documents/console are exactly
/// what src/Console/src/documents.js sends, and no page writes a document inline. Without this a production
/// gateway with TrustedDocuments:Required would refuse the console. (Each file's validity against the served
/// schema is checked with the other front ends' documents in the gateway tests.)
/// </summary>
public sealed class DocumentRegistrationTests
{
    [Fact]
    public async Task Every_document_the_console_sends_is_registered_as_a_trusted_document()
    {
        var console = Path.Combine(RepositoryRoot(), "src", "Console");
        using var check = Process.Start(new ProcessStartInfo("node", ["documents.mjs", "--check"])
        {
            WorkingDirectory = console, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = await check.StandardOutput.ReadToEndAsync() + await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(check.ExitCode == 0, output);
        Assert.Contains("registered as sent", output);
        Assert.True(Directory.GetFiles(Path.Combine(RepositoryRoot(), "clients", "documents", "console"), "*.graphql").Length >= 10);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Marketplace.sln"))) return directory.FullName;
        throw new InvalidOperationException("Marketplace.sln not found above the test binaries.");
    }
}
