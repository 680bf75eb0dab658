using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Hosting;

/// <summary>
/// The operator page of the operator endpoint, read as JSON and rendered by a real headless
/// Chromium (Debian's <c>chromium</c>, which <c>./run.sh test</c> installs), with its screenshot
/// kept in artifacts/screenshots/ for the test output.
/// </summary>
public sealed partial class StatusPageTests(ITestOutputHelper output) : IntegrationTest(output)
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task StatusPage_ShowsSessionsLayersAndACrashWithItsRecovery_InHeadlessChromium()
    {
        File.Exists(Chromium).Should().BeTrue("the status page is checked in Debian's chromium (./run.sh test installs it: apt-get install chromium)");
        var supervisor = await StartSupervisorAsync("--Diagnostics:MetricsPort=0", "--Workers:PoolSize=1");
        var port = int.Parse(OperatorLine().Match(supervisor.Log).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var page = $"http://127.0.0.1:{port}/";
        var victim = await supervisor.CreateSessionAsync();
        var calm = await supervisor.CreateSessionAsync();
        await supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
        {
            SessionId = calm,
            Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8("nodes: [{name: rx, class: RXPerBatch}]") },
        });
        var killed = supervisor.WorkerPidOf(victim);
        Process.GetProcessById(killed).Kill();
        // A call sent before the supervisor notices the death would be the call in flight (UNAVAILABLE);
        // one sent after waits for the recovery, so the page read after it shows the crash and the recovery.
        (await ProcessTable.WaitUntilAsync(() => supervisor.Log.Contains($"worker pid {killed} was killed", StringComparison.Ordinal), TimeSpan.FromSeconds(5)))
            .Should().BeTrue();
        await supervisor.Client.ListAvailableNodesAsync(new ListAvailableNodesRequest { SessionId = victim }, deadline: DateTime.UtcNow.AddSeconds(60));
        using var http = new HttpClient();

        using var json = JsonDocument.Parse(await http.GetStringAsync(page + "status.json"));
        var dom = await RunChromiumAsync("--dump-dom", page);
        var screenshot = Path.Combine(Artifacts.RepositoryRoot, "artifacts", "screenshots", "status-page.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        File.Delete(screenshot);
        await RunChromiumAsync($"--screenshot={screenshot}", "--window-size=1280,900", page);
        Output.WriteLine($"Screenshot of the status page: {screenshot}");

        var root = json.RootElement;
        root.GetProperty("serving").GetBoolean().Should().BeTrue();
        root.GetProperty("layers").EnumerateArray().Should().Contain(l => l.GetProperty("name").GetString() == "namespaces" && l.GetProperty("state").GetString() == "active");
        var sessions = root.GetProperty("sessions").EnumerateArray().ToArray();
        sessions.Select(s => s.GetProperty("id").GetString()).Should().BeEquivalentTo([Short(victim), Short(calm)]);
        sessions.Single(s => s.GetProperty("id").GetString() == Short(calm)).GetProperty("has_pipeline").GetBoolean().Should().BeTrue();
        var recovered = sessions.Single(s => s.GetProperty("id").GetString() == Short(victim));
        recovered.GetProperty("restarts_used").GetInt32().Should().Be(1);
        var recoveredAs = Regex.Match(supervisor.Log, $@"Session {victim}: worker recovered as pid (\d+)").Groups[1].Value;
        recovered.GetProperty("worker_pid").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture).Should().Be(recoveredAs, "the page names the pid the log names");
        root.GetProperty("counters").GetProperty("workers_crashed").GetInt64().Should().Be(1);
        var incidents = root.GetProperty("incidents").EnumerateArray().Select(i => (Session: i.GetProperty("session").GetString(), What: i.GetProperty("what").GetString(), Detail: i.GetProperty("detail").GetString())).ToArray();
        incidents.Should().Equal(
            [(Short(victim), "recovered", incidents[0].Detail), (Short(victim), "worker crashed", incidents[1].Detail)],
            "newest first: the crash, then the recovery");
        incidents[1].Detail.Should().Contain($"pid {killed}").And.Contain("SIGKILL");

        // What a browser shows: both sessions, the crash and its recovery, the layers; never a whole session id.
        dom.Should().Contain("<h1>Cuvis.Sandbox</h1>").And.Contain(Short(victim)).And.Contain(Short(calm))
            .And.Contain("worker crashed").And.Contain("recovered").And.Contain(">namespaces<").And.Contain("serving");
        Regex.Count(dom, "<tr>").Should().BeGreaterThanOrEqualTo(1 + 2 + 1 + 2, "a layers table, two session rows and two incident rows, with headers");
        foreach (var text in new[] { dom, json.RootElement.GetRawText() })
        {
            text.Should().NotContain(victim).And.NotContain(calm, "the page has no authentication: a whole id would let any local user drive the session");
        }

        var png = await File.ReadAllBytesAsync(screenshot);
        png.AsSpan(0, 8).ToArray().Should().Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))).Should().Be((1280, 900));
        png.Length.Should().BeGreaterThan(20_000, "a rendered page of tables and text, not a blank one (a blank 1280x900 PNG is a few KB)");
    }

    private static string Short(string sessionId) => sessionId[..8] + "…";

    private async Task<string> RunChromiumAsync(params string[] arguments)
    {
        var user = Work.Combine("chromium-profile");
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // --no-sandbox: the tests run as root, where Chromium refuses its own sandbox.
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", $"--user-data-dir={user}", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium {string.Join(' ', arguments)} did not finish in 90 s: {await stderr}");
        }

        process.ExitCode.Should().Be(0, $"chromium {string.Join(' ', arguments)} succeeds: {await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"Operator endpoint .* listening on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex OperatorLine();
}
