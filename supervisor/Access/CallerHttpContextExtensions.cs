using Grpc.Core;

namespace Cuvis.Sandbox.Supervisor.Access;

internal static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>The caller <see cref="CallerAuthenticationMiddleware"/> authenticated for this request.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        context.Items.TryGetValue(Key, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException("No caller was authenticated for this request; is CallerAuthenticationMiddleware in the pipeline?");

    public static Caller GetCaller(this ServerCallContext context) => context.GetHttpContext().GetCaller();

    public static void SetCaller(this HttpContext context, Caller caller) => context.Items[Key] = caller;
}
