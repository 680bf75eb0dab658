using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Sessions;

/// <summary>Every session-scoped call, for an id never issued and for a closed session; one supervisor for the class.</summary>
public sealed class UnknownSessionTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    private const string UnknownId = "0b8c2b1e-8a57-4f5e-9d3b-2a8f4c1d9e77";

    public static TheoryData<string> SessionScopedCalls =>
    [
        "CloseSession", "LoadPlugins", "ListLoadedPlugins", "GetPluginInfo", "ListAvailableNodes",
        "LoadPipeline", "GetPipelineInputs", "GetPipelineOutputs", "Inference", "GetParameterSchema",
    ];

    [Theory]
    [MemberData(nameof(SessionScopedCalls))]
    public async Task SessionScopedCall_UnknownId_AnswersNotFound(string method)
    {
        var call = () => Invoke(method, UnknownId);

        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.NotFound);
        error.Status.Detail.Should().Be($"Session {UnknownId} not found");
    }

    [Theory]
    [MemberData(nameof(SessionScopedCalls))]
    public async Task SessionScopedCall_ClosedSession_AnswersNotFound(string method)
    {
        var id = await OpenSessionAsync();
        await Supervisor.CloseSessionAsync(id);

        var call = () => Invoke(method, id);

        (await call.Should().ThrowAsync<RpcException>()).Which.Status.Detail.Should().Be($"Session {id} not found");
    }

    private Task Invoke(string method, string id)
    {
        var client = Supervisor.Client;
        return method switch
        {
            "CloseSession" => client.CloseSessionAsync(new CloseSessionRequest { SessionId = id }).ResponseAsync,
            "LoadPlugins" => client.LoadPluginsAsync(new LoadPluginsRequest { SessionId = id }).ResponseAsync,
            "ListLoadedPlugins" => client.ListLoadedPluginsAsync(new ListLoadedPluginsRequest { SessionId = id }).ResponseAsync,
            "GetPluginInfo" => client.GetPluginInfoAsync(new GetPluginInfoRequest { SessionId = id, PluginName = "x" }).ResponseAsync,
            "ListAvailableNodes" => client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = id }).ResponseAsync,
            "LoadPipeline" => client.LoadPipelineAsync(new LoadPipelineRequest { SessionId = id }).ResponseAsync,
            "GetPipelineInputs" => client.GetPipelineInputsAsync(new GetPipelineInputsRequest { SessionId = id }).ResponseAsync,
            "GetPipelineOutputs" => client.GetPipelineOutputsAsync(new GetPipelineOutputsRequest { SessionId = id }).ResponseAsync,
            "Inference" => client.InferenceAsync(new InferenceRequest { SessionId = id }).ResponseAsync,
            "GetParameterSchema" => client.GetParameterSchemaAsync(new GetParameterSchemaRequest { SessionId = id, ConfigType = "pipeline" }).ResponseAsync,
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
        };
    }
}
