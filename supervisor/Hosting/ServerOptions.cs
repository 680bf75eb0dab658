using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>The public gRPC endpoint (configuration section <c>Server</c>).</summary>
internal sealed class ServerOptions : IValidatableObject
{
    public const string Section = "Server";

    /// <summary>TCP port of the public API (HTTP/2 cleartext). Default 50051; 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 50051;

    /// <summary>Address to bind: an IP address, <c>localhost</c>, or <c>*</c> for all. Default 127.0.0.1.</summary>
    [Required]
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Largest gRPC message accepted or sent, on the public port and toward workers. Default
    /// 1 GiB: room for a 512 MiB hyperspectral cube (gRPC's own default is 4 MB).
    /// </summary>
    [Range(4 * 1024 * 1024, int.MaxValue)]
    public int MaxMessageBytes { get; set; } = 1024 * 1024 * 1024;

    /// <summary>
    /// Budget of request bytes the public port holds at once, summed over the calls in flight, as
    /// each call's message header declares them (a compressed message counts as
    /// <see cref="MaxMessageBytes"/>, what it may inflate to). A call that does not fit is answered
    /// RESOURCE_EXHAUSTED before its body is read. Requests under
    /// <see cref="RequestBytesBudgetMiddleware.SmallRequestBytes"/> are not counted, so control calls
    /// get through while large ones wait. Default 2 GiB; at least <see cref="MaxMessageBytes"/>, so
    /// a message of the largest allowed size is always admitted when it is alone.
    /// </summary>
    public long MaxInFlightRequestBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Most <c>extra_inputs</c> entries one Inference request may carry, and most <c>output_specs</c>;
    /// a request past either is refused INVALID_ARGUMENT before it is parsed (a million tiny entries
    /// parse to some 16 times their size). Default 1024: a batch names a pipeline's input ports.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxInferenceInputs { get; set; } = 1024;

    /// <summary>TLS on the public port; off by default (HTTP/2 cleartext).</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Lets the server bind beyond loopback without <c>Auth:Principals</c>, so that anyone who
    /// can reach the port can create sessions and drive any session whose id they learn. Default
    /// false: such a start is refused.
    /// </summary>
    public bool AllowUnauthenticatedRemote { get; set; }

    /// <summary>True when only this machine can reach the public port.</summary>
    public bool IsLoopbackOnly =>
        string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(BindAddress, out var address) && IPAddress.IsLoopback(address));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BindAddress is not "*" && !string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase)
            && !IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult(
                $"Server:BindAddress '{BindAddress}' is not an IP address, 'localhost' or '*'.", [nameof(BindAddress)]);
        }

        if (Port == 0 && string.Equals(BindAddress, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                "Server:Port 0 (any free port) needs an IP address as Server:BindAddress, e.g. 127.0.0.1.", [nameof(Port)]);
        }

        foreach (var problem in TlsProblems())
        {
            yield return new ValidationResult(problem, [nameof(Tls)]);
        }

        if (MaxInFlightRequestBytes < MaxMessageBytes)
        {
            yield return new ValidationResult(
                $"Server:MaxInFlightRequestBytes ({MaxInFlightRequestBytes}) is smaller than Server:MaxMessageBytes ({MaxMessageBytes}): "
                + "a message of the largest allowed size could never be admitted. Raise Server:MaxInFlightRequestBytes "
                + "or lower Server:MaxMessageBytes.",
                [nameof(MaxInFlightRequestBytes)]);
        }
    }

    private IEnumerable<string> TlsProblems()
    {
        foreach (var (setting, path) in new[] { ("CertificatePath", Tls.CertificatePath), ("KeyPath", Tls.KeyPath), ("ClientCaPath", Tls.ClientCaPath) })
        {
            if (path.Length > 0 && !File.Exists(path))
            {
                yield return $"Server:Tls:{setting} '{path}' does not exist.";
            }
        }

        if (!Tls.Enabled && (Tls.KeyPath.Length > 0 || Tls.ClientCertificates != ClientCertificates.None || Tls.ClientCaPath.Length > 0))
        {
            yield return "Server:Tls:KeyPath, ClientCertificates and ClientCaPath need Server:Tls:CertificatePath (the server's certificate).";
        }

        if (Tls.ClientCertificates != ClientCertificates.None && Tls.ClientCaPath.Length == 0)
        {
            yield return $"Server:Tls:ClientCertificates={Tls.ClientCertificates} needs Server:Tls:ClientCaPath, the CA certificates client certificates must chain to.";
        }
    }
}
