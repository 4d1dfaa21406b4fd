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
        for (var attempt = 0; ; attempt++)
        {
            var existing = Read(path);
            if (existing is not null)
            {
                KeepPrivate(path);
                return (existing, path, false);
            }

            var token = AccessTokens.Generate();
            // Written beside, then moved in place: a process starting at the same time reads a whole
            // token or none, and the first to move wins (the other reads the winner's token next round).
            var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
                using (var writer = new StreamWriter(temporary, options)) writer.WriteLine(token);
                // A file without a token (emptied, cut short) is replaced; otherwise never overwrite.
                File.Move(temporary, path, overwrite: File.Exists(path) && Read(path) is null);
                return (token, path, true);
            }
            catch (IOException) when (attempt < 3 && File.Exists(path))
            {
            }
            finally
            {
                File.Delete(temporary);
            }
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
