using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Reflection.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Grpc;

/// <summary>
/// Server reflection as grpcurl, grpcui and Postman use it: they list the services, fetch the
/// descriptors and build requests from them, without the proto file.
/// </summary>
public sealed class ServerReflectionTests(ITestOutputHelper output, SharedSupervisor server) : SharedSupervisorTest(output, server)
{
    [Fact]
    public async Task V1_ListsEveryService_AndDescribesCuvisAIServiceExactlyAsItsProtoDoes()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Supervisor.Channel);

        var services = (await AskAsync(reflection, new ServerReflectionRequest { ListServices = "" })).ListServicesResponse.Service.Select(s => s.Name);
        services.Should().BeEquivalentTo(
            "cuvis_ai.v1.CuvisAIService", "cuvis_sandbox.v1.SandboxStatus", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");

        var service = await DescribeAsync(reflection, "cuvis_ai.v1.CuvisAIService");
        var compiled = CuvisAIService.Descriptor;
        service.Methods.Select(m => (m.Name, m.InputType.FullName, m.OutputType.FullName))
            .Should().Equal(compiled.Methods.Select(m => (m.Name, m.InputType.FullName, m.OutputType.FullName)));
        service.Methods.Should().HaveCount(30, "the seed's 12 RPCs and upstream's newer 18");
        service.FindMethodByName("GetParameterSchema").InputType.FindFieldByName("session_id").FieldNumber.Should().Be(100, "our extension keeps clear of upstream's numbers");
        var tensor = service.File.FindTypeByName<MessageDescriptor>("Tensor");
        tensor.Fields.InFieldNumberOrder().Select(f => (f.Name, f.FieldNumber)).Should().Equal(("shape", 1), ("dtype", 2), ("raw_data", 3), ("shm_ref", 4));
    }

    [Fact]
    public async Task V1_IsEnoughToCallTheService_WithoutItsProtoFile()
    {
        var reflection = new ServerReflection.ServerReflectionClient(Supervisor.Channel);
        var service = await DescribeAsync(reflection, "cuvis_ai.v1.CuvisAIService");
        var invoker = Supervisor.Channel.CreateCallInvoker();

        // CreateSession with an empty request; read session_id by the number reflection gives it.
        var create = service.FindMethodByName("CreateSession");
        var created = await CallAsync(invoker, create, []);
        var sessionId = ReadString(created, create.OutputType.FindFieldByName("session_id").FieldNumber);
        sessionId.Should().NotBeNullOrEmpty();
        try
        {
            var list = service.FindMethodByName("ListAvailableNodes");
            var nodes = await CallAsync(invoker, list, StringField(list.InputType.FindFieldByName("session_id").FieldNumber, sessionId!));
            var nodesField = list.OutputType.FindFieldByName("nodes");
            nodesField.MessageType.Name.Should().Be("NodeInfo");
            CountField(nodes, nodesField.FieldNumber).Should().BePositive("the builtin nodes are listed");
        }
        finally
        {
            var close = service.FindMethodByName("CloseSession");
            await CallAsync(invoker, close, StringField(close.InputType.FindFieldByName("session_id").FieldNumber, sessionId!));
        }
    }

    [Fact]
    public async Task V1Alpha_AnswersTheSameForOlderTools()
    {
        var reflection = new global::Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(Supervisor.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.WriteAsync(new global::Grpc.Reflection.V1Alpha.ServerReflectionRequest { FileContainingSymbol = "cuvis_ai.v1.CuvisAIService.Inference" });
        await call.RequestStream.CompleteAsync();

        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).Should().Contain("cuvis_ai.v1.CuvisAIService");
        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        file.Package.Should().Be("cuvis_ai.v1");
        file.Service.Single().Method.Should().Contain(m => m.Name == "Inference" && m.InputType == ".cuvis_ai.v1.InferenceRequest");
    }

    private static async Task<ServerReflectionResponse> AskAsync(ServerReflection.ServerReflectionClient reflection, ServerReflectionRequest request)
    {
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        (await call.ResponseStream.MoveNext(CancellationToken.None)).Should().BeTrue();
        var response = call.ResponseStream.Current;
        response.MessageResponseCase.Should().NotBe(ServerReflectionResponse.MessageResponseOneofCase.ErrorResponse, response.ErrorResponse?.ErrorMessage);
        return response;
    }

    /// <summary>The service's descriptor, built only from the files reflection sends (its file and every dependency).</summary>
    private static async Task<ServiceDescriptor> DescribeAsync(ServerReflection.ServerReflectionClient reflection, string serviceName)
    {
        var response = await AskAsync(reflection, new ServerReflectionRequest { FileContainingSymbol = serviceName });
        var protos = response.FileDescriptorResponse.FileDescriptorProto.Select(b => FileDescriptorProto.Parser.ParseFrom(b)).ToList();
        // BuildFromByteStrings wants dependencies before the files that import them.
        var ordered = new List<FileDescriptorProto>();
        void Visit(FileDescriptorProto file)
        {
            if (ordered.Contains(file))
            {
                return;
            }

            foreach (var dependency in file.Dependency)
            {
                Visit(protos.Single(p => p.Name == dependency));
            }

            ordered.Add(file);
        }

        protos.ForEach(Visit);
        var files = FileDescriptor.BuildFromByteStrings(ordered.Select(p => p.ToByteString()));
        return files.SelectMany(f => f.Services).Single(s => s.FullName == serviceName);
    }

    private static async Task<byte[]> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] request)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name,
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        return await invoker.AsyncUnaryCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)), request);
    }

    private static byte[] StringField(int number, string value)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
        output.Flush();
        return buffer.ToArray();
    }

    private static string? ReadString(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        string? value = null;
        while (input.ReadTag() is var tag and not 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number)
            {
                value = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return value;
    }

    private static int CountField(byte[] message, int number)
    {
        var input = new CodedInputStream(message);
        var count = 0;
        while (input.ReadTag() is var tag and not 0)
        {
            count += WireFormat.GetTagFieldNumber(tag) == number ? 1 : 0;
            input.SkipLastField();
        }

        return count;
    }
}
