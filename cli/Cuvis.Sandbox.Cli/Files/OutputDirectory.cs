using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Files;

/// <summary>The --out directory: one <c>&lt;output&gt;.npy</c> per output, the pictures and summary.json.</summary>
internal sealed class OutputDirectory
{
    private OutputDirectory(string path) => Path = path;

    public string Path { get; }

    /// <summary>Creates the directory (and its parents) if it does not exist.</summary>
    public static OutputDirectory Create(string path)
    {
        try
        {
            return new OutputDirectory(Directory.CreateDirectory(path).FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw CliException.LocalFile(path, $"cannot create the output directory: {TextFile.Reason(e)}", e);
        }
    }

    /// <summary>A file name for an output key such as <c>rx.scores</c>: anything but letters, digits, '.', '-' and '_' becomes '_'.</summary>
    public static string FileName(string key, string extension)
    {
        var safe = new string([.. key.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return (safe.Length == 0 || safe[0] == '.' ? "_" + safe : safe) + extension;
    }

    public async Task<string> WriteNpyAsync(string name, TensorData tensor, CancellationToken cancellationToken)
    {
        var file = FileName(name, ".npy");
        await WriteAsync(file, path => NpyFile.WriteAsync(path, tensor, cancellationToken));
        return file;
    }

    public Task WriteBytesAsync(string file, byte[] bytes, CancellationToken cancellationToken) =>
        WriteAsync(file, path => File.WriteAllBytesAsync(path, bytes, cancellationToken));

    private async Task WriteAsync(string file, Func<string, Task> write)
    {
        var path = System.IO.Path.Combine(Path, file);
        try
        {
            await write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.LocalFile(path, $"cannot write it: {TextFile.Reason(e)}", e);
        }
    }
}
