using System.Globalization;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.Protos;
using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

/// <summary>The root README quotes the worker's ready line; this keeps its protocol number the one the code speaks.</summary>
public sealed partial class WorkerProtocolReadmeTests
{
    [Fact]
    public void Readme_EveryProtocolNumber_IsWorkerProtocolVersion()
    {
        var version = WorkerProtocol.Version.ToString(CultureInfo.InvariantCulture);
        var mentions = File.ReadAllLines(RepositoryFiles.PathOf("README.md"))
            .SelectMany((line, index) => ProtocolNumber().Matches(line).Select(match => (Line: index + 1, match.Value, Number: match.Groups[1].Value)))
            .ToList();

        mentions.Should().NotBeEmpty("README.md shows the worker's ready line, 'cuvis-sandbox-worker-ready protocol=<n> ...'");
        mentions.Where(mention => mention.Number != version)
            .Select(mention => $"README.md line {mention.Line} says '{mention.Value}': make it 'protocol={version}'")
            .Should().BeEmpty($"protos/WorkerProtocol.cs has Version = {version}");
    }

    [GeneratedRegex(@"\bprotocol=(\d+)")]
    private static partial Regex ProtocolNumber();
}
