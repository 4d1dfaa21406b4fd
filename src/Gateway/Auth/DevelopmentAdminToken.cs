using Marketplace.Grains.Interfaces.Users;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// The development admin token of one data folder: generated on the first start, kept in the file
/// <see cref="FileName"/> there, readable by its owner only, and reused at every later start, so a
/// restart does not invalidate the token in your GraphiQL headers and scripts. Development only; a
/// configured <c>Auth:AdminToken</c> wins and no file is read or written then.
/// </summary>
public static class DevelopmentAdminToken
{
    public const string FileName = "admin-token";

    private const int MinLength = 16;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The token kept in <paramref name="folder"/>, created (with the folder) when there is none or the file holds no token.</summary>
    /// <returns>The token, the file, and whether this call created it.</returns>
    public static (string Token, string Path, bool Created) LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);

        // Exclusive create: of processes starting together exactly one makes the file (File.Move without overwrite
        // is a check then a rename on Linux, so two could both "win"). The others read the winner's token.
        var token = AccessTokens.Generate();
        if (TryCreate(path, token)) return (token, path, true);

        // The file exists. Its creator writes the token right after creating it: give it a moment.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (Read(path) is { } existing)
            {
                KeepPrivate(path);
                return (existing, path, false);
            }
            Thread.Sleep(50);
        }

        // Still no token (emptied, cut short): replace the file whole, then answer what it holds.
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        if (!TryCreate(temporary, token)) throw new IOException($"Could not write {temporary}.");
        File.Move(temporary, path, overwrite: true);
        var kept = Read(path) ?? token;
        return (kept, path, kept == token);
    }

    /// <summary>Creates <paramref name="path"/> owner-only holding <paramref name="token"/>; false when it already exists.</summary>
    private static bool TryCreate(string path, string token)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        try
        {
            using var writer = new StreamWriter(path, options);
            writer.WriteLine(token);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    private static string? Read(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            return text.Length >= MinLength && !text.Any(char.IsWhiteSpace) ? text : null;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A token file others can read (copied, unpacked with a loose umask) is made owner-only again.</summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        if ((File.GetUnixFileMode(path) & ~OwnerOnly) != 0) File.SetUnixFileMode(path, OwnerOnly);
    }
}
