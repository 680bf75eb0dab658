namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>TLS on the public port (<c>Server:Tls:*</c>): off unless <see cref="CertificatePath"/> is set.</summary>
internal sealed class TlsOptions
{
    /// <summary>The server certificate: a PEM file (with <see cref="KeyPath"/>) or a PKCS#12 (.pfx/.p12) file holding its key.</summary>
    public string CertificatePath { get; set; } = "";

    /// <summary>The PEM private key of a PEM <see cref="CertificatePath"/>; empty when the certificate file holds it.</summary>
    public string KeyPath { get; set; } = "";

    /// <summary>Password of a PKCS#12 certificate file, or of an encrypted PEM key.</summary>
    public string CertificatePassword { get; set; } = "";

    /// <summary>Client certificates (mTLS): <c>None</c> (default), <c>Allow</c> (asked for, optional) or <c>Require</c>.</summary>
    public ClientCertificates ClientCertificates { get; set; } = ClientCertificates.None;

    /// <summary>PEM file of the CA certificates client certificates must chain to; needed unless <see cref="ClientCertificates"/> is None.</summary>
    public string ClientCaPath { get; set; } = "";

    public bool Enabled => CertificatePath.Length > 0;
}

/// <summary>Whether the public port asks callers for a TLS client certificate.</summary>
internal enum ClientCertificates
{
    None,
    Allow,
    Require,
}
