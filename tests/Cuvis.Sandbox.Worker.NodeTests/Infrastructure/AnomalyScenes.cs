using System.Runtime.InteropServices;
using Cuvis.Sandbox.Client;
using Cuvis.Sandbox.Contracts;
using Cuvis.Sandbox.Tests.Shared;
using DType = Cuvis.Sandbox.Contracts.DType;

namespace Cuvis.Sandbox.Worker.NodeTests.Infrastructure;

/// <summary>
/// The real hyperspectral anomaly scenes (cube and ground truth) the RX tests run on. The
/// repository carries <c>sandiego_plane</c> in <c>data/hsi-anomaly/</c>; the other scenes come from
/// the shared data folder beside the repository (<c>../shared/data/hsi-anomaly/</c>). A missing file
/// fails the test with its path: a silent skip would hide a lost data set.
/// </summary>
public static class AnomalyScenes
{
    public static string RepositoryRoot => RepositoryFiles.Root;

    public static string RepositoryDataDirectory => Path.Combine(RepositoryRoot, "data", "hsi-anomaly");

    public static string SharedDataDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data", "hsi-anomaly"));

    /// <summary>Loads a scene's BHWC cube (UInt16 or Float32, as stored) and its H x W ground truth (true = anomaly).</summary>
    public static (Tensor Cube, bool[] Anomalous) Load(string scene)
    {
        var directory = scene == "sandiego_plane" ? RepositoryDataDirectory : SharedDataDirectory;
        var cube = ReadNpy(RequireFile(directory, $"{scene}.cube.npy"));
        var truth = ReadNpy(RequireFile(directory, $"{scene}.gt.npy"));
        if (truth.DType != DType.UInt8 || truth.Rank != 2 || cube.Rank != 4
            || cube.Shape[0] != 1 || cube.Shape[1] != truth.Shape[0] || cube.Shape[2] != truth.Shape[1])
        {
            throw new InvalidDataException($"Scene '{scene}': expected a 1 x H x W x C cube and an H x W uint8 ground truth, got {cube} and {truth}.");
        }

        return (cube, [.. truth.AsReadOnlySpan<byte>().ToArray().Select(label => label != 0)]);
    }

    /// <summary>The file through the client's .npy codec, as the node API's tensor (the dtype numbers are the wire's on both sides).</summary>
    private static Tensor ReadNpy(string path)
    {
        var data = NpyFile.ReadAsync(path).GetAwaiter().GetResult();
        return Tensor.Wrap((DType)(int)data.DType, [.. data.Shape], MemoryMarshal.AsMemory(data.Data));
    }

    private static string RequireFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException(
                $"Test data file '{path}' is missing. The RX tests need the real scenes: sandiego_plane in the repository's "
                + $"data/hsi-anomaly/, the others in {SharedDataDirectory}.",
                path);
    }
}
