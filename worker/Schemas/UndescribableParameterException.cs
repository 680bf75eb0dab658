namespace Cuvis.Sandbox.Worker.Schemas;

/// <summary>A parameter whose schema would pass a limit; <see cref="NodeParameterSchema"/> names its class and parameter.</summary>
internal sealed class UndescribableParameterException(string reason) : Exception(reason);
