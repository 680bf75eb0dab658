using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Cuvis.Sandbox.Supervisor.Hosting;

/// <summary>
/// TLS for the public port from <see cref="TlsOptions"/>: the server certificate (PEM with its key,
/// or PKCS#12), and client certificates checked against the configured CAs only, never the
/// machine's store, so that only certificates the operator issued get in.
/// </summary>
internal static class PublicTls
{
    public static void Use(ListenOptions listen, TlsOptions tls)
    {
        var certificate = LoadServerCertificate(tls);
        var clientCas = tls.ClientCaPath.Length > 0 ? LoadCas(tls.ClientCaPath) : null;
        listen.UseHttps(https =>
        {
            https.ServerCertificate = certificate;
            https.ClientCertificateMode = tls.ClientCertificates switch
            {
                ClientCertificates.Require => ClientCertificateMode.RequireCertificate,
                ClientCertificates.Allow => ClientCertificateMode.AllowCertificate,
                _ => ClientCertificateMode.NoCertificate,
            };
            if (clientCas is not null)
            {
                https.ClientCertificateValidation = (client, _, _) => ChainsTo(client, clientCas);
            }
        });
    }

    /// <summary>True when <paramref name="client"/> chains to one of <paramref name="cas"/> and may authenticate a client.</summary>
    public static bool ChainsTo(X509Certificate2 client, X509Certificate2Collection cas)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(cas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2")); // clientAuth
        return chain.Build(client);
    }

    private static X509Certificate2 LoadServerCertificate(TlsOptions tls)
    {
        var password = tls.CertificatePassword.Length > 0 ? tls.CertificatePassword : null;
        if (tls.KeyPath.Length == 0 && !IsPem(tls.CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, password);
        }

        var keyPath = tls.KeyPath.Length > 0 ? tls.KeyPath : tls.CertificatePath;
        return password is null
            ? X509Certificate2.CreateFromPemFile(tls.CertificatePath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(tls.CertificatePath, password, keyPath);
    }

    private static X509Certificate2Collection LoadCas(string path)
    {
        var cas = new X509Certificate2Collection();
        cas.ImportFromPemFile(path);
        return cas.Count > 0
            ? cas
            : throw new InvalidOperationException($"Server:Tls:ClientCaPath '{path}' holds no PEM certificate.");
    }

    private static bool IsPem(string path)
    {
        Span<byte> start = stackalloc byte[64];
        using var file = File.OpenRead(path);
        var read = file.Read(start);
        return System.Text.Encoding.ASCII.GetString(start[..read]).Contains("-----BEGIN", StringComparison.Ordinal);
    }
}
