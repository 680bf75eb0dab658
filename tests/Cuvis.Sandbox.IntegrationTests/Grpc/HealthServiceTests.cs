using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Cuvis.Sandbox.IntegrationTests.Grpc;

/// <summary><c>grpc.health.v1.Health</c> as a load balancer or Kubernetes probe would call it.</summary>
public sealed class HealthServiceTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private static readonly string[] Served =
    [
        "",
        "cuvis_ai.v1.CuvisAIService",
        "cuvis_sandbox.v1.SandboxStatus",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    ];

    [Fact]
    public async Task Check_ReportsTheServerAndEachOfItsServicesServing_AndNotFoundForAServiceItDoesNotServe()
    {
        var supervisor = await StartSupervisorAsync();
        var health = new Health.HealthClient(supervisor.Channel);

        foreach (var service in Served)
        {
            (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status.Should().Be(ServingStatus.Serving, $"'{service}' is served");
        }

        var unknown = async () => await health.CheckAsync(new HealthCheckRequest { Service = "cuvis_ai.v1.NoSuchService" });
        var error = (await unknown.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Contain("cuvis_ai.v1.NoSuchService").And.Contain("'cuvis_ai.v1.CuvisAIService'");
    }

    [Fact]
    public async Task Check_UnderTheStrictProfileWithoutASandbox_ReportsTheSessionServiceNotServing_AsCreateSessionIsRefused()
    {
        var supervisor = await StartSupervisorAsync("--Containment:BubblewrapPath=/nonexistent/bwrap");
        var health = new Health.HealthClient(supervisor.Channel);

        (await health.CheckAsync(new HealthCheckRequest { Service = "" })).Status.Should().Be(ServingStatus.NotServing);
        (await health.CheckAsync(new HealthCheckRequest { Service = "cuvis_ai.v1.CuvisAIService" })).Status.Should().Be(ServingStatus.NotServing);
        (await health.CheckAsync(new HealthCheckRequest { Service = "grpc.reflection.v1.ServerReflection" })).Status
            .Should().Be(ServingStatus.Serving, "reflection does not need a sandbox");
        var create = async () => await supervisor.Client.CreateSessionAsync(new CreateSessionRequest());
        (await create.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task Watch_SendsTheStatusAtOnce_ThenNotServingWhenTheServerShutsDown_AndEnds()
    {
        var supervisor = await StartSupervisorAsync();
        var health = new Health.HealthClient(supervisor.Channel);
        using var server = health.Watch(new HealthCheckRequest { Service = "" });
        using var session = health.Watch(new HealthCheckRequest { Service = "cuvis_ai.v1.CuvisAIService" });
        using var unknown = health.Watch(new HealthCheckRequest { Service = "cuvis_ai.v1.NoSuchService" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        foreach (var (watch, expected) in new[] { (server, ServingStatus.Serving), (session, ServingStatus.Serving), (unknown, ServingStatus.ServiceUnknown) })
        {
            (await watch.ResponseStream.MoveNext(timeout.Token)).Should().BeTrue();
            watch.ResponseStream.Current.Status.Should().Be(expected);
        }

        var terminated = supervisor.TerminateAsync();

        foreach (var watch in new[] { server, session })
        {
            (await watch.ResponseStream.MoveNext(timeout.Token)).Should().BeTrue("a watcher hears of the shutdown");
            watch.ResponseStream.Current.Status.Should().Be(ServingStatus.NotServing);
            (await watch.ResponseStream.MoveNext(timeout.Token)).Should().BeFalse("the watch then ends, so it does not hold the shutdown open");
            watch.GetStatus().StatusCode.Should().Be(StatusCode.OK);
        }

        (await unknown.ResponseStream.MoveNext(timeout.Token)).Should().BeFalse("an unknown service stays unknown; its watch just ends");
        await terminated;
        supervisor.ExitCode.Should().Be(0);
    }
}
