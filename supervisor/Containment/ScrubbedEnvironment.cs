using System.Collections;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Environment overrides for a child process that removes every inherited variable except a
/// few harmless ones: credentials, our own CUVIS_* settings, SSH_AUTH_SOCK, ASPNETCORE_URLS and
/// the like never reach plugin code.
/// </summary>
internal static class ScrubbedEnvironment
{
    private static readonly string[] Harmless = ["PATH", "LANG", "LC_ALL", "TZ"];

    /// <summary>Overrides (a null value removes an inherited variable) keeping only <paramref name="keep"/> and a few harmless ones.</summary>
    public static Dictionary<string, string?> Create(params string[] keep)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!Harmless.Contains(name, StringComparer.Ordinal) && !keep.Contains(name, StringComparer.Ordinal))
            {
                environment[name] = null;
            }
        }

        return environment;
    }
}
