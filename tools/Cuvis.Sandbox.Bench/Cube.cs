using System.Runtime.InteropServices;
using Cuvis.Sandbox.Client;
using Google.Protobuf;
using Proto = Cuvis.Sandbox.Protos.V1;

namespace Cuvis.Sandbox.Bench;

/// <summary>A float32 BHWC cube of seeded random values, held as the bytes it is sent as (no copy on the way out).</summary>
internal sealed class Cube
{
    private readonly byte[] _bytes;

    private Cube(int[] shape, byte[] bytes)
    {
        Shape = shape;
        _bytes = bytes;
    }

    public int[] Shape { get; }

    public ReadOnlySpan<float> Values => MemoryMarshal.Cast<byte, float>(_bytes);

    public long Bytes => _bytes.LongLength;

    public string Describe() => string.Join(" x ", Shape) + " float32";

    public static Cube Random(int batch, int height, int width, int channels, int seed = 10)
    {
        var bytes = new byte[checked((long)batch * height * width * channels * sizeof(float))];
        var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
        var random = new Random(seed);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return new Cube([batch, height, width, channels], bytes);
    }

    /// <summary>The cube on the wire: its bytes wrapped, not copied (the cube is never changed while a call holds it).</summary>
    public Proto.Tensor ToTensor()
    {
        var tensor = new Proto.Tensor { Dtype = Proto.DType.Float32, RawData = UnsafeByteOperations.UnsafeWrap(_bytes) };
        tensor.Shape.AddRange(Shape.Select(d => (long)d));
        return tensor;
    }

    /// <summary>The cube as the client library's tensor, over the same bytes (for its calls and its .npy writer).</summary>
    public TensorData ToTensorData() => TensorData.Wrap(DType.Float32, _bytes, [.. Shape.Select(d => (long)d)]);

    /// <summary>An Inference request for the raw stub, feeding the cube to every unconnected input port named <paramref name="port"/>.</summary>
    public Proto.InferenceRequest Request(string sessionId, string port = "data") =>
        new() { SessionId = sessionId, Inputs = new Proto.InputBatch { ExtraInputs = { [port] = ToTensor() } } };

    /// <summary>
    /// The same request with the cube passed by shm_ref: its bytes written to the POSIX segment
    /// <paramref name="segment"/> (a file in /dev/shm, as multiprocessing.shared_memory makes one).
    /// </summary>
    public Proto.InferenceRequest SharedRequest(string sessionId, string segment, string port = "data")
    {
        var tensor = new Proto.Tensor { Dtype = Proto.DType.Float32, ShmRef = new Proto.ShmRef { Name = "/" + segment, ByteSize = (ulong)_bytes.LongLength } };
        tensor.Shape.AddRange(Shape.Select(d => (long)d));
        return new() { SessionId = sessionId, Inputs = new Proto.InputBatch { ExtraInputs = { [port] = tensor } } };
    }

    /// <summary>Writes the cube's bytes to /dev/shm/<paramref name="segment"/>.</summary>
    public void WriteSegment(string segment) => File.WriteAllBytes(Path.Combine("/dev/shm", segment), _bytes);

    /// <summary>The same batch for the client library.</summary>
    public InputBatch Batch(string port = "data") => new() { ExtraInputs = new Dictionary<string, TensorData> { [port] = ToTensorData() } };
}
