using Cuvis.Sandbox.Cli.Errors;
using Cuvis.Sandbox.Client;

namespace Cuvis.Sandbox.Cli.Files;

/// <summary>Reads an input .npy file through the client's codec; an unreadable or unsupported file is a local-file error naming it.</summary>
internal static class NpyInput
{
    public static async Task<TensorData> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        var bytes = await TextFile.ReadBytesAsync(path, what, cancellationToken);
        try
        {
            return NpyFile.Read(bytes);
        }
        catch (FormatException e)
        {
            throw CliException.LocalFile(path, $"cannot use it as the {what}: {e.Message}", e);
        }
    }
}
