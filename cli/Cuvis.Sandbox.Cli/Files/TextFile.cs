using System.Text;
using Cuvis.Sandbox.Cli.Errors;

namespace Cuvis.Sandbox.Cli.Files;

/// <summary>Reads the local files a command is given, turning every failure into a local-file error that names the file.</summary>
internal static class TextFile
{
    public static async Task<string> ReadAsync(string path, string what, CancellationToken cancellationToken) =>
        Encoding.UTF8.GetString(await ReadBytesAsync(path, what, cancellationToken));

    public static async Task<byte[]> ReadBytesAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.LocalFile(path, $"cannot read the {what}: {Reason(e)}", e);
        }
    }

    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
