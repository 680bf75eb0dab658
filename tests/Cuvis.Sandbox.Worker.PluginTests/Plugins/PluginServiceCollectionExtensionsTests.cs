using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Grpc;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Plugins;
using Cuvis.Sandbox.Worker.PluginTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using static Cuvis.Sandbox.Worker.PluginTests.Infrastructure.TestPluginBuild;
using LoadPluginRequest = Cuvis.Sandbox.Protos.Worker.V1.LoadPluginRequest;

namespace Cuvis.Sandbox.Worker.PluginTests.Plugins;

[Collection(TestPluginsDefinition.Name)]
public sealed class PluginServiceCollectionExtensionsTests(TestPluginBuild plugins)
{
    [Fact]
    public async Task AddPlugins_AsProgramRegistersIt_ServesLoadedNodesThroughTheGrpcService()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TestSession.Session)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<RunningCalls>()
            .AddSingleton(new Hosting.WorkerArguments("unix:/nonexistent/worker.sock", Path.GetTempPath(), Protos.WorkerProtocol.Version, 64 * 1024 * 1024))
            .AddSingleton(new Hosting.WorkerToken("token"))
            .AddSingleton<Tensors.SharedArenas>()
            .AddSingleton(new Tensors.LargeCallMemory(0, TimeSpan.FromSeconds(1), TimeProvider.System))
            .AddSingleton<IHostApplicationLifetime, ApplicationLifetime>()
            .AddPlugins()
            .AddPipelines()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var service = ActivatorUtilities.CreateInstance<SandboxWorkerGrpcService>(provider);

        var loaded = await service.LoadPlugin(
            new LoadPluginRequest
            {
                Name = "good",
                Directory = plugins.OutputOf(GoodPlugin),
                MainAssembly = GoodPlugin + ".dll",
                Provides = { "GoodPlugin.ScaleNode" },
            },
            new TestServerCallContext());
        var listed = await ActivatorUtilities.CreateInstance<SandboxWorkerGrpcService>(provider)
            .ListAvailableNodes(new ListAvailableNodesRequest(), new TestServerCallContext());

        loaded.Loaded.Should().BeTrue(loaded.Error);
        listed.Nodes.Where(node => node.Source == "plugin").Select(node => node.FullPath).Should().Equal("GoodPlugin.ScaleNode");
        provider.GetRequiredService<NodeCatalog>().Should().BeSameAs(provider.GetRequiredService<NodeCatalog>());
        provider.GetRequiredService<PluginRegistry>().Plugins.Should().ContainSingle();
    }
}
