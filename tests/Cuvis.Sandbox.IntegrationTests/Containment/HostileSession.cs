using System.Globalization;
using System.Text;
using Cuvis.Sandbox.IntegrationTests.Infrastructure;
using Cuvis.Sandbox.Protos.V1;
using Grpc.Core;

namespace Cuvis.Sandbox.IntegrationTests.Containment;

/// <summary>
/// A session with tests/plugins/Hostile loaded. Each attack loads a one-node pipeline whose params
/// are the attack's knobs and runs it once.
/// </summary>
internal sealed class HostileSession(SupervisorProcess supervisor, string id)
{
    public const string Node = "Hostile.Attack";

    private static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(60);

    public string Id { get; } = id;

    public static async Task<HostileSession> CreateAsync(SupervisorProcess supervisor, PluginRepository hostile)
    {
        var id = await supervisor.CreateSessionAsync();
        var loaded = await supervisor.LoadPluginsAsync(id, Manifest.Of(("hostile", Manifest.Git(hostile.Url, "v1.0.0", Node))));
        loaded.FailedPlugins.Should().BeEmpty();
        return new HostileSession(supervisor, id);
    }

    /// <summary>
    /// Runs one attack. Returns its report (<c>blocked: ...</c> or <c>succeeded: ...</c>), or
    /// <c>call failed: &lt;status&gt;: &lt;detail&gt;</c> when the call did not answer (the worker died)
    /// or the session refused the attack's pipeline (it failed).
    /// </summary>
    public Task<string> AttackAsync(string kind, params (string Knob, object Value)[] knobs) =>
        AttackAsync(DefaultDeadline, kind, knobs);

    public Task<string> AttackAsync(TimeSpan deadline, string kind, params (string Knob, object Value)[] knobs) =>
        AttackAsync(deadline, triggerValues: 1, kind, knobs);

    /// <summary>Runs one attack with a trigger of <paramref name="triggerValues"/> floats (a large one travels through shared memory).</summary>
    public async Task<string> AttackAsync(TimeSpan deadline, int triggerValues, string kind, params (string Knob, object Value)[] knobs)
    {
        try
        {
            await supervisor.Client.LoadPipelineAsync(new LoadPipelineRequest
            {
                SessionId = Id,
                Config = new PipelineConfig { ConfigBytes = Google.Protobuf.ByteString.CopyFromUtf8(Pipeline(kind, knobs)) },
            }, deadline: DateTime.UtcNow.Add(DefaultDeadline));
        }
        catch (RpcException exception)
        {
            // A failed session refuses the pipeline already.
            return $"call failed: {exception.StatusCode}: {exception.Status.Detail}";
        }

        var request = new InferenceRequest
        {
            SessionId = Id,
            Inputs = new InputBatch { ExtraInputs = { ["trigger"] = PipelineSession.Wire(new float[triggerValues], triggerValues) } },
        };

        try
        {
            var response = await supervisor.Client.InferenceAsync(request, deadline: DateTime.UtcNow.Add(deadline));
            return Encoding.UTF8.GetString(response.Outputs["attack.report"].RawData.Span);
        }
        catch (RpcException exception)
        {
            return $"call failed: {exception.StatusCode}: {exception.Status.Detail}";
        }
    }

    /// <summary>True once <see cref="CloseAsync"/> closed it.</summary>
    public bool Closed { get; private set; }

    /// <summary>Closes the session; a second call does nothing.</summary>
    public async Task CloseAsync()
    {
        if (!Closed)
        {
            await supervisor.CloseSessionAsync(Id);
            Closed = true;
        }
    }

    /// <summary>The value of <c>key=value</c> in a report (evidence fields are written that way).</summary>
    public static string? Field(string report, string key) =>
        report.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(part => part.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..];

    private static string Pipeline(string kind, (string Knob, object Value)[] knobs)
    {
        var parameters = knobs.Select(knob => $"{knob.Knob}: {Yaml(knob.Value)}").Prepend("kind: " + Yaml(kind));
        return $"nodes: [{{name: attack, class: Attack, params: {{{string.Join(", ", parameters)}}}}}]";
    }

    private static string Yaml(object value) => value switch
    {
        string text => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No YAML form for {value.GetType().Name}."),
    };
}
