namespace Cuvis.Sandbox.Client.Tests;

/// <summary>What the package exports: its own types only, so it never clashes with the protos project's public generated types.</summary>
public class PublicSurfaceTests
{
    [Fact]
    public void ExportedTypes_AreAllInTheClientNamespace_NoGeneratedStubAmongThem()
    {
        var exported = typeof(CuvisSandboxClient).Assembly.GetExportedTypes();

        exported.Should().OnlyContain(type => type.Namespace == "Cuvis.Sandbox.Client");
        exported.Select(type => type.Name).Should().NotContain(["Tensor", "InferenceRequest", "CuvisAIService"]);
        typeof(CuvisSandboxClient).Assembly.GetType("Cuvis.Sandbox.Protos.V1.CuvisAIService+CuvisAIServiceClient")!.IsVisible.Should().BeFalse();
    }
}
