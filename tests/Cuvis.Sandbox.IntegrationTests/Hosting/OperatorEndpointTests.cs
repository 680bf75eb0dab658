using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

/// <summary>The opt-in operator endpoint, scraped as Prometheus would.</summary>
public sealed partial class OperatorEndpointTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task Metrics_CountSessionsPoolAndContainment_AndTimeEveryRpcByMethodAndStatus()
    {
        var supervisor = await StartSupervisorAsync("--Diagnostics:MetricsPort=0", "--Workers:PoolSize=1");
        var port = int.Parse(OperatorLine().Match(supervisor.Log).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var session = await supervisor.CreateSessionAsync();
        await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = session });
        var unknown = async () => await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = Guid.NewGuid().ToString() });
        await unknown.Should().ThrowAsync<RpcException>();

        var text = await http.GetStringAsync("/metrics");

        Value(text, "cuvis_sandbox_supervisor_cuvis_sessions_active").Should().Be(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_workers_started").Should().BeGreaterThanOrEqualTo(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_rpc_duration_count{method=\"CreateSession\",status=\"OK\"}").Should().Be(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_rpc_duration_count{method=\"ListAvailableNodes\",status=\"OK\"}").Should().Be(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_rpc_duration_count{method=\"ListAvailableNodes\",status=\"NotFound\"}").Should().Be(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_containment_layer_active{layer=\"namespaces\"}").Should().Be(1);
        Value(text, "cuvis_sandbox_supervisor_cuvis_containment_layer_active{layer=\"seccomp\"}").Should().Be(1);
        text.Should().Contain("cuvis_sandbox_supervisor_cuvis_workers_pooled");

        await supervisor.CloseSessionAsync(session);
        Value(await http.GetStringAsync("/metrics"), "cuvis_sandbox_supervisor_cuvis_sessions_active").Should().Be(0);
    }

    [Fact]
    public async Task WithoutAMetricsPort_NothingListensBesideThePublicPort()
    {
        var supervisor = await StartSupervisorAsync();

        supervisor.Log.Should().NotContain("Operator endpoint");
    }

    private static double Value(string text, string series)
    {
        var line = text.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        line.Should().NotBeNull($"the scrape has the series {series}:\n{text}");
        return double.Parse(line![(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Operator endpoint .* listening on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex OperatorLine();
}
