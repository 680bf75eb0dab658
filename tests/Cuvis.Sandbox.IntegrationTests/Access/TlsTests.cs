using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Access;

/// <summary>TLS on the public port, and client certificates as principals, with certificates the test issues itself.</summary>
public sealed class TlsTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("Cuvis test CA");
    private readonly X509Certificate2 _otherCa = TestCertificates.CreateCa("Someone else's CA");

    [Fact]
    public async Task Tls_ServesTheConfiguredCertificate_AndACleartextClientGetsNothing()
    {
        var supervisor = await StartSupervisorAsync(ServerCertificate());
        supervisor.Log.Should().Contain("listening on https://");

        using var tls = Channel(supervisor, clientCertificate: null);
        var session = (await new CuvisAIService.CuvisAIServiceClient(tls).CreateSessionAsync(new CreateSessionRequest())).SessionId;
        session.Should().NotBeEmpty();

        var cleartext = async () => await supervisor.Client.CreateSessionAsync(new CreateSessionRequest(), deadline: DateTime.UtcNow.AddSeconds(20));
        (await cleartext.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().NotBe(StatusCode.OK);
        supervisor.WorkerPids().Should().HaveCount(1, "only the TLS client's session has a worker");
    }

    [Fact]
    public async Task RequiredClientCertificates_FromTheConfiguredCa_AuthenticateAsTheirPrincipal_AndNothingElseGetsIn()
    {
        var caPath = Work.Combine("clients-ca.pem");
        TestCertificates.WritePem(_ca, caPath);
        var supervisor = await StartSupervisorAsync([.. ServerCertificate(),
            "--Server:Tls:ClientCertificates=Require", "--Server:Tls:ClientCaPath=" + caPath,
            "--Auth:Principals:alice:CertificateSubjects:0=CN=alice"]);

        using (var alice = Channel(supervisor, TestCertificates.Issue(_ca, "CN=alice", server: false)))
        {
            var session = (await new CuvisAIService.CuvisAIServiceClient(alice).CreateSessionAsync(new CreateSessionRequest())).SessionId;
            supervisor.Log.Should().MatchRegex($"Session {session} created .* for principal alice");
        }

        using (var mallory = Channel(supervisor, TestCertificates.Issue(_ca, "CN=mallory", server: false)))
        {
            var unnamed = async () => await new CuvisAIService.CuvisAIServiceClient(mallory).CreateSessionAsync(new CreateSessionRequest());
            var error = (await unnamed.Should().ThrowAsync<RpcException>()).Which;
            error.StatusCode.Should().Be(StatusCode.Unauthenticated);
            error.Status.Detail.Should().Contain("'CN=mallory' names no principal");
        }

        foreach (var (label, certificate) in new[] { ("another CA's", TestCertificates.Issue(_otherCa, "CN=alice", server: false)), ("no", null) })
        {
            using var stranger = Channel(supervisor, certificate);
            var call = async () => await new CuvisAIService.CuvisAIServiceClient(stranger)
                .CreateSessionAsync(new CreateSessionRequest(), deadline: DateTime.UtcNow.AddSeconds(20));
            (await call.Should().ThrowAsync<RpcException>($"a client with {label} certificate fails the handshake")).Which.StatusCode
                .Should().NotBe(StatusCode.OK);
        }

        supervisor.WorkerPids().Should().HaveCount(1, "only alice's session has a worker");
    }

    [Fact]
    public async Task ClientCertificatesWithoutACa_StopTheServerAtStart_NamingTheSetting()
    {
        var start = () => StartSupervisorAsync([.. ServerCertificate(), "--Server:Tls:ClientCertificates=Require"]);

        (await start.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("needs Server:Tls:ClientCaPath");
    }

    private string[] ServerCertificate()
    {
        var (certificate, key) = (Work.Combine("server.pem"), Work.Combine("server.key"));
        TestCertificates.WritePem(TestCertificates.Issue(_ca, "CN=localhost", server: true), certificate, key);
        return ["--Server:Tls:CertificatePath=" + certificate, "--Server:Tls:KeyPath=" + key];
    }

    /// <summary>An HTTPS channel that trusts only the test CA, presenting <paramref name="clientCertificate"/> when given.</summary>
    private GrpcChannel Channel(SupervisorProcess supervisor, X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(_ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is X509Certificate2 server && chain.Build(server);
                },
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return GrpcChannel.ForAddress($"https://127.0.0.1:{supervisor.Port}", new GrpcChannelOptions { HttpHandler = handler });
    }
}
