namespace Cuvis.Sandbox.Supervisor.Hosting;

internal static class LoggingExtensions
{
    /// <summary>One line per event, with a timestamp; framework chatter kept to warnings.</summary>
    public static ILoggingBuilder AddSupervisorConsole(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = false;
        });
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        logging.AddFilter("Grpc", LogLevel.Warning);
        return logging;
    }
}
