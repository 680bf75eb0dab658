using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Access;

/// <summary>Principals by bearer token: each session answers only its creator; the cache takes an admin; quotas per principal.</summary>
public sealed class AccessControlTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private const string Alice = "alice-token-0123456789abcdef";
    private const string Bob = "bob-token-0123456789abcdef";
    private const string Root = "root-token-0123456789abcdef";

    private static readonly string[] Principals =
    [
        "--Auth:Principals:alice:Tokens:0=" + Alice, "--Auth:Principals:alice:MaxSessions=1",
        "--Auth:Principals:bob:Tokens:0=" + Bob,
        "--Auth:Principals:root:Tokens:0=" + Root, "--Auth:Principals:root:Admin=true",
        // Every Inference through a shared-memory arena, to check the owner before a byte goes in.
        "--Workers:SharedMemoryThresholdBytes=0",
    ];

    [Fact]
    public async Task WithoutPrincipals_TheServerSaysItIsUnauthenticated_AndBindsBeyondLoopbackOnlyWhenToldTo()
    {
        var local = await StartSupervisorAsync();
        local.Log.Should().Contain("The public API is UNAUTHENTICATED");

        var refused = () => StartSupervisorAsync("--Server:BindAddress=0.0.0.0");
        (await refused.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("Auth:Principals is empty").And.Contain("Server:AllowUnauthenticatedRemote=true");

        var remote = await StartSupervisorAsync("--Server:BindAddress=0.0.0.0", "--Server:AllowUnauthenticatedRemote=true");
        remote.Log.Should().Contain("THE PUBLIC API IS UNAUTHENTICATED AND BOUND TO 0.0.0.0");
    }

    [Fact]
    public async Task CallsWithoutAValidToken_AreUnauthenticated_SayingWhatToSend_ButHealthAnswersAnyone()
    {
        var supervisor = await StartSupervisorAsync(Principals);
        supervisor.Log.Should().Contain("authenticates callers").And.Contain("3 principals");

        var none = (await Refused(() => supervisor.Client.CreateSessionAsync(new CreateSessionRequest()).ResponseAsync)).Which;
        none.StatusCode.Should().Be(StatusCode.Unauthenticated);
        none.Status.Detail.Should().Contain("authorization: Bearer <token>");
        var wrong = (await Refused(() => supervisor.Client.CreateSessionAsync(new CreateSessionRequest(), As("not-a-token-of-anyone-here")).ResponseAsync)).Which;
        wrong.StatusCode.Should().Be(StatusCode.Unauthenticated);
        wrong.Status.Detail.Should().Contain("not valid");
        var basic = (await Refused(() => supervisor.Client.CreateSessionAsync(new CreateSessionRequest(),
            new Metadata { { "authorization", "Basic YWxpY2U6c2VjcmV0" } }).ResponseAsync)).Which;
        basic.Status.Detail.Should().Contain("must be 'Bearer <token>'");

        var reflection = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(supervisor.Channel);
        using var listing = reflection.ServerReflectionInfo();
        var list = async () =>
        {
            await listing.RequestStream.WriteAsync(new() { ListServices = "" });
            await listing.ResponseStream.MoveNext(CancellationToken.None);
        };
        (await list.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.Unauthenticated, "reflection is the API too");

        var health = new Health.HealthClient(supervisor.Channel);
        (await health.CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
        supervisor.WorkerPids().Should().BeEmpty("nothing unauthenticated started a worker");
    }

    [Fact]
    public async Task ASession_ExistsOnlyForItsCreator_AnotherPrincipalGetsTheNotFoundOfAnUnknownId()
    {
        var supervisor = await StartSupervisorAsync(Principals);
        var client = supervisor.Client;
        var session = (await client.CreateSessionAsync(new CreateSessionRequest(), As(Alice))).SessionId;
        supervisor.Log.Should().MatchRegex($"Session {session} created .* for principal alice");
        var unknown = Guid.NewGuid().ToString();

        var foreign = (await Refused(() => client.ListAvailableNodesAsync(new() { SessionId = session }, As(Bob)).ResponseAsync)).Which;
        var missing = (await Refused(() => client.ListAvailableNodesAsync(new() { SessionId = unknown }, As(Bob)).ResponseAsync)).Which;
        foreign.StatusCode.Should().Be(StatusCode.NotFound);
        foreign.Status.Detail.Should().Be(missing.Status.Detail.Replace(unknown, session, StringComparison.Ordinal), "nothing hints that it exists");

        (await Refused(() => client.CloseSessionAsync(new() { SessionId = session }, As(Bob)).ResponseAsync)).Which.StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => client.GetParameterSchemaAsync(new() { SessionId = session, ConfigType = "pipeline" }, As(Bob)).ResponseAsync)).Which.Status.Detail
            .Should().Be(foreign.Status.Detail, "the schema of a session's classes is the session's too");
        var cube = new Tensor { Dtype = DType.Float32, RawData = ByteString.CopyFrom(new byte[4 * 8 * 8 * 4]) };
        cube.Shape.Add([1, 8, 8, 4]);
        var inference = new InferenceRequest { SessionId = session, Inputs = new InputBatch { Cube = cube } };
        (await Refused(() => client.InferenceAsync(inference, As(Bob)).ResponseAsync)).Which.StatusCode
            .Should().Be(StatusCode.NotFound, "a large call is refused before its bytes go into the session's shared memory");

        (await client.ListAvailableNodesAsync(new() { SessionId = session }, As(Alice))).Nodes.Should().NotBeEmpty("the owner's session is untouched");
        (await client.CloseSessionAsync(new() { SessionId = session }, As(Alice))).Success.Should().BeTrue();
    }

    [Fact]
    public async Task ClearingTheSharedCache_TakesAnAdmin_AndEachPrincipalHoldsAtMostItsSessions()
    {
        var supervisor = await StartSupervisorAsync(Principals);
        var client = supervisor.Client;

        var denied = (await Refused(() => client.ClearPluginCacheAsync(new(), As(Bob)).ResponseAsync)).Which;
        denied.StatusCode.Should().Be(StatusCode.PermissionDenied);
        denied.Status.Detail.Should().Contain("Principal 'bob' may not clear the plugin cache").And.Contain("Auth:Principals:bob:Admin=true");
        (await client.ClearPluginCacheAsync(new(), As(Root))).ClearedCount.Should().Be(0);

        await client.CreateSessionAsync(new CreateSessionRequest(), As(Alice));
        var second = (await Refused(() => client.CreateSessionAsync(new CreateSessionRequest(), As(Alice)).ResponseAsync)).Which;
        second.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        second.Status.Detail.Should().Contain("principal 'alice'").And.Contain("at most 1").And.Contain("Auth:Principals:alice:MaxSessions");
        await client.CreateSessionAsync(new CreateSessionRequest(), As(Bob));
        supervisor.WorkerPids().Should().HaveCount(2, "alice's refused session started no worker");
    }

    [Fact]
    public async Task InvalidPrincipals_StopTheServerAtStart_NamingTheSetting()
    {
        var weak = () => StartSupervisorAsync("--Auth:Principals:alice:Tokens:0=short");
        (await weak.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("Auth:Principals:alice:Tokens").And.Contain("at least 16 characters");

        var shared = () => StartSupervisorAsync("--Auth:Principals:alice:Tokens:0=" + Alice, "--Auth:Principals:bob:Tokens:0=" + Alice);
        (await shared.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("is also a token of 'alice'");

        var certificates = () => StartSupervisorAsync("--Auth:Principals:carol:CertificateSubjects:0=CN=carol");
        (await certificates.Should().ThrowAsync<InvalidOperationException>()).Which.Message
            .Should().Contain("authenticate by client certificate").And.Contain("Server:Tls:ClientCertificates");
    }

    private static Metadata As(string token) => new() { { "authorization", "Bearer " + token } };

    private static Task<FluentAssertions.Specialized.ExceptionAssertions<RpcException>> Refused<T>(Func<Task<T>> call) =>
        call.Should().ThrowAsync<RpcException>();
}
