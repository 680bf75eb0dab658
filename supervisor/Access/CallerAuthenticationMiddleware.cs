using System.Security.Cryptography;
using System.Text;
using Cuvis.Sandbox.Supervisor.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>
/// Authenticates every public call before any service sees it, as the principal of its bearer
/// token (<c>authorization: Bearer &lt;token&gt;</c>) or, without one, of its client certificate
/// (validated by the TLS handshake against <c>Server:TlsClientCaPath</c>). A call with neither, or
/// with a token no principal has, is answered UNAUTHENTICATED saying what to send; the health
/// service answers anyone, as load balancers and probes call it without credentials. Without
/// <c>Auth:Principals</c> every call is <see cref="Caller.Anonymous"/>. Tokens are compared as
/// SHA-256 digests in constant time, against every principal's, so timing reveals none.
/// </summary>
internal sealed class CallerAuthenticationMiddleware(RequestDelegate next, IOptions<AuthOptions> options)
{
    private const string BearerPrefix = "Bearer ";
    private static readonly PathString HealthPath = "/" + global::Grpc.Health.V1.Health.Descriptor.FullName;

    private readonly (byte[] Digest, Caller Caller)[] _tokens = [.. options.Value.Principals.SelectMany(p =>
        p.Value.Tokens.Select(token => (SHA256.HashData(Encoding.UTF8.GetBytes(token)), CallerOf(p.Key, p.Value))))];

    private readonly Dictionary<string, Caller> _subjects = options.Value.Principals
        .SelectMany(p => p.Value.CertificateSubjects.Select(subject => (subject, CallerOf(p.Key, p.Value))))
        .ToDictionary(s => s.subject, s => s.Item2, StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Enabled)
        {
            context.SetCaller(Caller.Anonymous);
            await next(context);
            return;
        }

        if (context.Request.Path.StartsWithSegments(HealthPath, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var (caller, problem) = Authenticate(context);
        if (caller is null)
        {
            await TrailersOnlyResponse.WriteAsync(context.Response, StatusCode.Unauthenticated, problem!);
            return;
        }

        context.SetCaller(caller);
        await next(context);
    }

    private (Caller? Caller, string? Problem) Authenticate(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length > 0)
        {
            if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                return (null, "The authorization metadata must be 'Bearer <token>', with a token this server's operator gave you.");
            }

            return FindToken(authorization[BearerPrefix.Length..].Trim()) is { } byToken
                ? (byToken, null)
                : (null, "The bearer token is not valid for this server. Send a token this server's operator gave you (Auth:Principals).");
        }

        if (context.Connection.ClientCertificate is { } certificate)
        {
            return _subjects.TryGetValue(certificate.Subject, out var byCertificate)
                ? (byCertificate, null)
                : (null, $"The client certificate '{certificate.Subject}' names no principal of this server (Auth:Principals:<name>:CertificateSubjects).");
        }

        return (null, "This server requires authentication: send the metadata 'authorization: Bearer <token>' with a token "
            + "this server's operator gave you" + (IsTls(context) ? ", or connect with a client certificate." : "."));
    }

    private Caller? FindToken(string token)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Caller? found = null;
        foreach (var (known, caller) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(known, digest))
            {
                found = caller;
            }
        }

        return found;
    }

    private static bool IsTls(HttpContext context) => context.Request.IsHttps;

    private static Caller CallerOf(string name, PrincipalOptions principal) => new(name, principal.Admin, principal.MaxSessions);
}
