using System.Collections;
using System.Reflection;
using Cuvis.Sandbox.Tests.Shared;

namespace Cuvis.Sandbox.Supervisor.Tests.Hosting;

/// <summary>
/// The README's configuration table is the one list of every setting: each settable property of
/// every options class (its section, nested options, dictionaries and lists included) must have a
/// row, and every row its environment variable.
/// </summary>
public sealed class ConfigurationReadmeTests
{
    private static readonly string[] Rows = File.ReadAllLines(RepositoryFiles.PathOf("README.md"))
        .SkipWhile(line => line != "## Configuration").TakeWhile(line => line != "## Development")
        .Where(line => line.StartsWith("| `", StringComparison.Ordinal)).ToArray();

    [Fact]
    public void EverySetting_HasARowInTheConfigurationTable()
    {
        var settings = typeof(SandboxException).Assembly.GetTypes()
            .Select(type => (Type: type, Section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(options => options.Section is not null && options.Type.Name.EndsWith("Options", StringComparison.Ordinal))
            .SelectMany(options => Settings(options.Section!, options.Type))
            .ToList();

        settings.Should().Contain(["Server:Port", "Server:Tls:ClientCaPath", "Auth:Principals:<name>:Tokens", "Containment:Profile"]);
        settings.Where(setting => !Rows.Any(row => Names(row, setting)))
            .Should().BeEmpty("every setting has a row in README.md's Configuration table (as `Section:Key`, or `Key` in the row of its section)");
    }

    [Fact]
    public void EveryRow_NamesItsEnvironmentVariable() =>
        Rows.Where(row => !row.Contains("`CUVIS_", StringComparison.Ordinal))
            .Should().BeEmpty("each row shows the environment variable CUVIS_<Section>__<Key> beside the setting");

    /// <summary>A row names <paramref name="setting"/> in full, or lists its last key in a row of the same section.</summary>
    private static bool Names(string row, string setting)
    {
        var firstCell = row.Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
        if (firstCell.Contains($"`{setting}`", StringComparison.Ordinal) || firstCell.Contains($"`{setting}:", StringComparison.Ordinal))
        {
            return true;
        }

        var cut = setting.LastIndexOf(':');
        return firstCell.Contains($"`{setting[..(cut + 1)]}", StringComparison.Ordinal) && firstCell.Contains($"`{setting[(cut + 1)..]}`", StringComparison.Ordinal);
    }

    private static IEnumerable<string> Settings(string prefix, Type options)
    {
        foreach (var property in options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.SetMethod!.IsPublic))
        {
            var name = $"{prefix}:{property.Name}";
            var type = property.PropertyType;
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
            {
                var value = type.GetGenericArguments()[1];
                if (IsNested(value))
                {
                    foreach (var inner in Settings($"{name}:<name>", value))
                    {
                        yield return inner;
                    }
                }
                else
                {
                    yield return name;
                }
            }
            else if (IsNested(type))
            {
                foreach (var inner in Settings(name, type))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return name;
            }
        }
    }

    private static bool IsNested(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Name.EndsWith("Options", StringComparison.Ordinal);
}
