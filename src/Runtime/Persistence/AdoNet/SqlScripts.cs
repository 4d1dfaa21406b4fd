namespace Marketplace.Runtime.Persistence.AdoNet;

/// <summary>The schema scripts shipped under deploy/sql, embedded in this assembly: one source for DDL.</summary>
internal static class SqlScripts
{
    public const string GrainState = "001_grain_state.sql";
    public const string Reminders = "002_reminders.sql";

    public static string Load(string dialect, string script)
    {
        var name = $"sql/{dialect}/{script}";
        using var stream = typeof(SqlScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script {name} is missing from the runtime assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
