using Cuvis.Sandbox.Supervisor.Hosting;
using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Access;

/// <summary>
/// What <see cref="AuthOptions"/> and <see cref="ServerOptions"/> must agree on, checked at start:
/// an unauthenticated server binds beyond loopback only when told to, and certificate principals
/// need TLS that asks for client certificates.
/// </summary>
internal sealed class PublicAccessValidation(IOptions<ServerOptions> server) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        List<string> failures = [];
        var endpoint = server.Value;
        if (!options.Enabled && !endpoint.IsLoopbackOnly && !endpoint.AllowUnauthenticatedRemote)
        {
            failures.Add(
                $"Server:BindAddress '{endpoint.BindAddress}' reaches beyond this machine, but Auth:Principals is empty: anyone who can "
                + "reach the port could create sessions and drive any session whose id they learn. Configure Auth:Principals "
                + "(tokens or client certificates), bind to 127.0.0.1, or set Server:AllowUnauthenticatedRemote=true to accept that.");
        }

        var byCertificate = options.Principals.Where(p => p.Value.CertificateSubjects.Count > 0).Select(p => p.Key).ToArray();
        if (byCertificate.Length > 0 && endpoint.Tls.ClientCertificates == ClientCertificates.None)
        {
            failures.Add(
                $"Auth:Principals {string.Join(", ", byCertificate.Select(p => $"'{p}'"))} authenticate by client certificate, "
                + "but Server:Tls:ClientCertificates is None; set it to Allow or Require (with Server:Tls:CertificatePath and ClientCaPath).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
