using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Grpc.Core;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

public sealed class MessageSizeTests(ITestOutputHelper output) : IntegrationTest(output)
{
    [Fact]
    public async Task Inference_With512MiBCube_CrossesThePublicPortAndTheWorkerChannel()
    {
        var supervisor = await StartSupervisorAsync();
        var id = await supervisor.CreateSessionAsync();
        const int bytes = 512 * 1024 * 1024;
        var cube = new Tensor { Dtype = DType.Float32, RawData = UnsafeByteOperations.UnsafeWrap(new byte[bytes]) };
        cube.Shape.Add([1, 1024, 1024, 128]);

        var call = () => supervisor.Client.InferenceAsync(
            new InferenceRequest { SessionId = id, Inputs = new InputBatch { Cube = cube } },
            deadline: DateTime.UtcNow.AddMinutes(2)).ResponseAsync;

        // The worker decoded the whole request: it answers with its own verdict (no pipeline
        // yet), not with a size limit from the supervisor or the transport.
        var error = (await call.Should().ThrowAsync<RpcException>()).Which;
        error.StatusCode.Should().Be(StatusCode.FailedPrecondition, error.Status.Detail);
        error.Status.Detail.Should().Contain("No pipeline is loaded");
    }
}
