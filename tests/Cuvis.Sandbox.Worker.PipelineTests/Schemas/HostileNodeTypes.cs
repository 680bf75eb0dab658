using System.Reflection;
using System.Reflection.Emit;
using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.PipelineTests.Schemas;

/// <summary>Node classes no C# compiler would make, as a hostile plugin's IL can: thousands of parameters, huge names, huge enums.</summary>
internal static class HostileNodeTypes
{
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("HostileSchemaNodes"), AssemblyBuilderAccess.Run).DefineDynamicModule("HostileSchemaNodes");

    private static int _count;

    /// <summary>A node whose constructor takes <paramref name="types"/>, named <paramref name="name"/>(i).</summary>
    public static Type Node(string className, Type[] types, Func<int, string> name)
    {
        var type = Module.DefineType($"Hostile.{className}{Interlocked.Increment(ref _count)}", TypeAttributes.Public | TypeAttributes.Sealed, typeof(Node));
        var constructor = type.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, types);
        for (var i = 0; i < types.Length; i++)
        {
            constructor.DefineParameter(i + 1, ParameterAttributes.None, name(i));
        }

        var il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, typeof(Node).GetConstructor(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!);
        il.Emit(OpCodes.Ret);

        var forward = typeof(Node).GetMethod(nameof(Contracts.Node.Forward))!;
        var method = type.DefineMethod(forward.Name, MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.HideBySig,
            forward.ReturnType, [.. forward.GetParameters().Select(p => p.ParameterType)]);
        var body = method.GetILGenerator();
        body.Emit(OpCodes.Ldnull);
        body.Emit(OpCodes.Ret);
        type.DefineMethodOverride(method, forward);
        return type.CreateType();
    }

    /// <summary>An enum with <paramref name="count"/> names.</summary>
    public static Type Enum(int count)
    {
        var builder = Module.DefineEnum($"Hostile.Wide{Interlocked.Increment(ref _count)}", TypeAttributes.Public, typeof(int));
        for (var i = 0; i < count; i++)
        {
            builder.DefineLiteral($"Name{i}", i);
        }

        return builder.CreateType();
    }
}
