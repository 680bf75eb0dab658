namespace Cuvis.Sandbox.Cli.Errors;

/// <summary>The exit codes of every command, documented in <c>--help</c> and cli/README.md.</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, a bad value.</summary>
    public const int Usage = 1;

    /// <summary>The server refused the request or it failed there: an invalid manifest, pipeline or input (with the fields), a plugin that did not load, a node that threw.</summary>
    public const int Refused = 2;

    /// <summary>The server could not serve it: unreachable, unavailable, at its session limit, past the deadline, not serving or not contained (doctor).</summary>
    public const int Unavailable = 3;

    /// <summary>A local file could not be read, written or understood: an input .npy, a manifest, a pipeline, the output directory, the font for pictures.</summary>
    public const int LocalFile = 4;

    /// <summary>An error inside cuvis itself (a bug; the message says what happened).</summary>
    public const int Internal = 5;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT); the session was closed.</summary>
    public const int Interrupted = 130;

    /// <summary>Every code with its meaning, in order, for the help text.</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Success, "done"),
        (Usage, "usage: unknown command or option, missing argument, bad value"),
        (Refused, "the server refused the request or it failed there (invalid manifest, pipeline or input; a plugin that did not load; a node that threw)"),
        (Unavailable, "the server could not serve it (unreachable, unavailable, session limit, deadline); doctor: not serving or not contained"),
        (LocalFile, "a local file could not be read, written or understood (.npy, manifest, pipeline, output directory, font)"),
        (Internal, "an error inside cuvis itself"),
        (Interrupted, "interrupted (Ctrl+C); the session was closed"),
    ];
}
