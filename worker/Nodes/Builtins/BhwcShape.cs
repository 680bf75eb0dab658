using Cuvis.Sandbox.Contracts;

namespace Cuvis.Sandbox.Worker.Nodes.Builtins;

/// <summary>
/// The sizes of a cuvis-ai image batch in BHWC layout: batch, height, width, channels (the
/// spectral bands), innermost last. A tensor holds at most <see cref="int.MaxValue"/> bytes, so
/// every size and product fits in an <see cref="int"/>.
/// </summary>
internal readonly record struct BhwcShape(int Batch, int Height, int Width, int Channels)
{
    /// <summary>Gets the pixels of one image: height times width.</summary>
    public int Pixels => Height * Width;

    /// <summary>Gets the elements of one image: pixels times channels.</summary>
    public int ImageLength => Pixels * Channels;

    public static BhwcShape Of(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        return new BhwcShape(checked((int)shape[0]), checked((int)shape[1]), checked((int)shape[2]), checked((int)shape[3]));
    }

    /// <summary>Reads a required Float32 BHWC input of <paramref name="node"/>, or throws naming the port.</summary>
    public static (Tensor Tensor, BhwcShape Shape) Float32Input(NodeInputs inputs, string node, string port)
    {
        var tensor = NodeArgument.Float32(inputs, node, port, rank: 4, "BHWC");
        return (tensor, Of(tensor));
    }

    public long[] ToArray() => [Batch, Height, Width, Channels];

    public long[] WithChannels(int channels) => [Batch, Height, Width, channels];
}
