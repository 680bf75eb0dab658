using Xunit.Abstractions;

namespace Cuvis.Sandbox.IntegrationTests.Infrastructure;

/// <summary>
/// The test output a class fixture's supervisor writes to: each test points it at its own
/// <see cref="ITestOutputHelper"/>, so a failing test shows what the shared server logged meanwhile.
/// </summary>
internal sealed class RedirectableOutput : ITestOutputHelper
{
    private volatile ITestOutputHelper? _current;

    public ITestOutputHelper? Current
    {
        get => _current;
        set => _current = value;
    }

    public void WriteLine(string message)
    {
        try
        {
            _current?.WriteLine(message);
        }
        catch (InvalidOperationException)
        {
            // That test already finished.
        }
    }

    public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
}
