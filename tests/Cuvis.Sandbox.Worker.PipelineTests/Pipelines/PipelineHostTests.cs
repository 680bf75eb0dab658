using System.Text;
using Cuvis.Sandbox.Worker.Nodes;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.PipelineTests.Infrastructure;
using Cuvis.Sandbox.Worker.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cuvis.Sandbox.Worker.PipelineTests.Pipelines;

public sealed class PipelineHostTests
{
    private const string Valid = "nodes: [{name: a, class: AddNode}]";

    [Fact]
    public void Current_BeforeAnyLoad_IsNull()
    {
        CreateSut().Current.Should().BeNull();
    }

    [Fact]
    public void Load_ValidDocument_BecomesCurrent()
    {
        var sut = CreateSut();

        var result = sut.Load(Bytes(Valid));

        result.Pipeline.Should().NotBeNull();
        sut.Current.Should().BeSameAs(result.Pipeline);
    }

    [Fact]
    public void Load_RejectedDocument_KeepsThePreviousPipeline()
    {
        var sut = CreateSut();
        var previous = sut.Load(Bytes(Valid)).Pipeline;

        var rejected = sut.Load(Bytes("nodes: [{name: a, class: Nope}]"));

        rejected.Pipeline.Should().BeNull();
        rejected.Problems.Should().ContainSingle().Which.Description.Should().Contain("unknown class 'Nope'");
        sut.Current.Should().BeSameAs(previous);
    }

    [Fact]
    public void Load_RejectedFirstDocument_LeavesNoPipeline()
    {
        var sut = CreateSut();

        sut.Load(Bytes("nodes: ["));

        sut.Current.Should().BeNull();
    }

    [Fact]
    public void Load_SecondValidDocument_ReplacesTheFirst()
    {
        var sut = CreateSut();
        var first = sut.Load(Bytes(Valid)).Pipeline!;

        var second = sut.Load(Bytes("nodes: [{name: s, class: SumNode}]")).Pipeline!;

        sut.Current.Should().BeSameAs(second);
        second.Id.Should().NotBe(first.Id);
    }

    [Fact]
    public void AddPipelines_WithThePluginsFeature_ResolvesOneHostPerWorker()
    {
        using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TestPipelines.Session)
            .AddPlugins()
            .AddPipelines()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var host = provider.GetRequiredService<PipelineHost>();
        var result = host.Load(Bytes("nodes: [{name: a, class: AddNode}]"));

        host.Should().BeSameAs(provider.GetRequiredService<PipelineHost>());
        provider.GetRequiredService<PipelineBuilder>().Should().BeSameAs(provider.GetRequiredService<PipelineBuilder>());
        result.Problems.Should().ContainSingle().Which.Description.Should().Contain("unknown class 'AddNode'", "test nodes are not in the worker's catalogue");
    }

    private static ReadOnlyMemory<byte> Bytes(string document) => Encoding.UTF8.GetBytes(document);

    private static PipelineHost CreateSut() => new(
        new PipelineBuilder(new NodeCatalog(new PluginRegistry(), TestPipelines.NodeTypes), TestPipelines.Session, TimeProvider.System, NullLoggerFactory.Instance),
        TestPipelines.Session,
        NullLogger<PipelineHost>.Instance);
}
