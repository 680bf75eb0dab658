namespace Cuvis.Sandbox.Supervisor.Hosting;

internal static class LoggingExtensions
{
    /// <summary>The setting that picks the log format (<c>--log-format</c>).</summary>
    public const string FormatKey = "Logging:Format";

    /// <summary>
    /// One line per event on the console, framework chatter kept to warnings: readable text with a
    /// local timestamp (<c>text</c>, the default), or one JSON object per line with a UTC timestamp
    /// and every message parameter (<c>SessionId</c> among them) as a field (<c>json</c>).
    /// </summary>
    /// <returns>False, with <paramref name="problem"/> saying why, when <see cref="FormatKey"/> names no format.</returns>
    public static bool TryAddSupervisorConsole(this ILoggingBuilder logging, IConfiguration configuration, out string? problem)
    {
        logging.ClearProviders();
        var format = configuration[FormatKey] ?? "text";
        if (string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
                json.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
            });
        }
        else if (string.Equals(format, "text", StringComparison.OrdinalIgnoreCase))
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss.fff ";
                console.UseUtcTimestamp = false;
            });
        }
        else
        {
            problem = $"{FormatKey} (--log-format) is '{format}'; use 'text' (the default) or 'json'.";
            return false;
        }

        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("Grpc", LogLevel.Warning);
        problem = null;
        return true;
    }
}
