using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>
/// Who may call the public API (configuration section <c>Auth</c>). With no principal configured
/// the API is unauthenticated: every caller is <see cref="Caller.Anonymous"/>, which the server
/// logs at start, and it then binds beyond loopback only with
/// <c>Server:AllowUnauthenticatedRemote</c>.
/// </summary>
internal sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Shortest token accepted: a guessable token is no authentication.</summary>
    public const int MinTokenLength = 16;

    /// <summary>The principals by name (<c>Auth:Principals:&lt;name&gt;:…</c>).</summary>
    public Dictionary<string, PrincipalOptions> Principals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>True when callers must authenticate.</summary>
    public bool Enabled => Principals.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, principal) in Principals)
        {
            var key = $"Auth:Principals:{name}";
            if (!IsPrincipalName(name))
            {
                yield return new ValidationResult($"{key}: a principal name is letters, digits, '_', '-' and '.' (at most 64), not '{name}'.");
            }

            if (principal.Tokens.Count == 0 && principal.CertificateSubjects.Count == 0)
            {
                yield return new ValidationResult($"{key} has neither Tokens nor CertificateSubjects: nobody could authenticate as it.");
            }

            foreach (var token in principal.Tokens)
            {
                if (token.Length < MinTokenLength || token.Any(char.IsWhiteSpace))
                {
                    yield return new ValidationResult(
                        $"{key}:Tokens: every token needs at least {MinTokenLength} characters and no white space "
                        + "(e.g. the output of 'openssl rand -hex 32').");
                }
                else if (!owners.TryAdd(token, name))
                {
                    yield return new ValidationResult($"{key}:Tokens: a token of '{name}' is also a token of '{owners[token]}'; a token names one principal.");
                }
            }

            if (principal.MaxSessions < 0)
            {
                yield return new ValidationResult($"{key}:MaxSessions must be 0 (no limit but Sessions:MaxSessions) or more, not {principal.MaxSessions}.");
            }
        }
    }

    private static bool IsPrincipalName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
