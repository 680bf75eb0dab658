using Cuvis.Sandbox.Supervisor.Plugins.Building;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Plugins;

public sealed class BuildOutputTests
{
    [Fact]
    public void Output_PastTheCap_KeepsTheBeginningAndTheEnd_DropsTheMiddle_AndSaysHowMuch()
    {
        var sut = new BuildOutput(limitBytes: 200);

        sut.Add("restore: first line");
        for (var i = 0; i < 1000; i++)
        {
            sut.Add(new string('z', 50));
        }

        sut.Add("error CS1002: ; expected");

        // Kept: the first line and one z-line in the first half, the last z-line and the error in the second.
        var text = sut.ToString();
        sut.DroppedBytes.Should().Be(998 * 51);
        text.Should().StartWith("restore: first line\n")
            .And.Contain($"(build output cut: {998 * 51} bytes dropped from the middle")
            .And.EndWith("error CS1002: ; expected\n", "a flood printed before the error must not push the error out");
        text.Length.Should().BeLessThan(200 + 100);
    }

    [Fact]
    public void Output_ThatWrapsTheTail_KeepsWholeLinesOnly_InOrder()
    {
        var sut = new BuildOutput(limitBytes: 64);
        var lines = Enumerable.Range(0, 200).Select(i => $"line {i} " + new string('.', i % 7)).ToArray();

        foreach (var line in lines)
        {
            sut.Add(line);
        }

        var kept = sut.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var tail = kept.SkipWhile(line => !line.StartsWith("(build output cut:", StringComparison.Ordinal)).Skip(1).ToArray();
        tail.Should().NotBeEmpty().And.Equal(lines[^tail.Length..], "the tail is the last lines, each whole");
        var keptBytes = kept.Where(line => !line.StartsWith("(build output cut:", StringComparison.Ordinal)).Sum(line => line.Length + 1);
        (keptBytes + sut.DroppedBytes).Should().Be(lines.Sum(line => line.Length + 1), "every byte is kept or counted as dropped");
    }

    [Fact]
    public async Task Output_ReadFromAFlood_KeepsTheErrorAtTheEnd_AndMarksCutLines()
    {
        var sut = new BuildOutput(limitBytes: 32 * 1024);
        var flood = string.Concat(Enumerable.Repeat(new string('f', 99) + "\n", 100_000));
        var text = "restore: start\n" + flood + new string('x', BoundedLines.MaxLineBytes + 1) + "\nerror HOSTILE001: the end\n";

        await BoundedLines.ReadRawAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), sut.Add, CancellationToken.None);

        var kept = sut.ToString();
        kept.Should().StartWith("restore: start\n").And.EndWith(BoundedLines.CutSuffix + "\nerror HOSTILE001: the end\n");
        kept.Length.Should().BeLessThan((32 * 1024) + 200);
        sut.DroppedBytes.Should().BeGreaterThan((100_000L * 100) - (32 * 1024));
    }

    [Fact]
    public void Output_WithinTheCap_IsKeptWhole()
    {
        var sut = new BuildOutput(limitBytes: 200);

        sut.Add("one");
        sut.Add("two");

        sut.ToString().Should().Be("one\ntwo\n");
        sut.DroppedBytes.Should().Be(0);
    }
}
