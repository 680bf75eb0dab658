using System.Buffers;
using System.Runtime.InteropServices;
using Cuvis.Sandbox.Client.Grpc;

namespace Cuvis.Sandbox.Client.Tests.Tensors;

public class TensorDataTests
{
    [Fact]
    public void From_ArrayOrMemory_SharesTheBuffer()
    {
        var values = new float[] { 1, 2, 3, 4 };
        var fromArray = TensorData.From(values, 2, 2);
        var fromMemory = TensorData.From(new ReadOnlyMemory<float>(values), 4);

        values[3] = 42;

        fromArray.AsSpan<float>()[3].Should().Be(42);
        fromMemory.AsSpan<float>()[3].Should().Be(42);
    }

    [Fact]
    public void From_Span_Copies()
    {
        var values = new float[] { 1, 2, 3, 4 };
        var tensor = TensorData.From((ReadOnlySpan<float>)values, 4);

        values[3] = 42;

        tensor.AsSpan<float>()[3].Should().Be(4);
    }

    [Fact]
    public void Wrap_SharesTheBytes()
    {
        var bytes = new byte[4];
        var tensor = TensorData.Wrap(DType.Float32, bytes);

        BitConverter.TryWriteBytes(bytes, 2.5f);

        tensor.AsSpan<float>()[0].Should().Be(2.5f);
    }

    [Fact]
    public void ToProto_ArrayTensor_SendsTheArraysOwnBytesWithoutCopying()
    {
        var values = new float[] { 1, 2, 3, 4 };
        var wire = TensorData.From(values, 1, 4).ToProto();

        values[0] = -1;

        MemoryMarshal.Cast<byte, float>(wire.RawData.Span)[0].Should().Be(-1);
        wire.Shape.Should().Equal(1, 4);
        wire.Dtype.Should().Be(Protos.V1.DType.Float32);
    }

    [Fact]
    public void DataPin_ArrayTensor_PointsAtTheFirstElementOfTheSlice()
    {
        var values = new ushort[] { 1, 0x0A0B, 3 };
        var tensor = TensorData.From(new ReadOnlyMemory<ushort>(values, 1, 2), 2);

        using var handle = tensor.Data.Pin();

        unsafe
        {
            ((byte*)handle.Pointer)[0].Should().Be(0x0B);
            ((byte*)handle.Pointer)[1].Should().Be(0x0A);
        }
    }

    [Fact]
    public void DataPin_BoolTensor_PinsTheBoolArray()
    {
        var tensor = TensorData.From([false, true], 2);

        using var handle = tensor.Data.Pin();

        unsafe
        {
            ((byte*)handle.Pointer)[1].Should().Be(1);
        }
    }

    [Fact]
    public void From_MemoryNotBackedByAnArray_CopiesIt()
    {
        using var owner = new NativeFloats([5f, 6f]);

        var tensor = TensorData.From((ReadOnlyMemory<float>)owner.Memory, 2);

        tensor.ToArray<float>().Should().Equal(5f, 6f);
    }

    [Fact]
    public void From_EmptyShape_IsAScalar()
    {
        var tensor = TensorData.From([7L]);

        tensor.Shape.Should().BeEmpty();
        tensor.ElementCount.Should().Be(1);
        tensor.ToString().Should().Be("TensorData(Int64, [])");
    }

    [Fact]
    public void From_ZeroDimension_HoldsNoElements()
    {
        var tensor = TensorData.From(Array.Empty<byte>(), 3, 0, 5);

        tensor.ElementCount.Should().Be(0);
        tensor.Data.Length.Should().Be(0);
    }

    [Fact]
    public void From_LengthDiffersFromShape_IsRefusedNamingBoth()
    {
        FluentActions.Invoking(() => TensorData.From(new float[10], 1, 16, 16, 8)).Should().Throw<ArgumentException>()
            .WithParameterName("data").WithMessage("The data has 10 elements but shape [1, 16, 16, 8] holds 2048.*");
        FluentActions.Invoking(() => TensorData.From((ReadOnlySpan<int>)new int[3], 2)).Should().Throw<ArgumentException>()
            .WithParameterName("data");
    }

    [Fact]
    public void From_NegativeOrOverflowingShape_IsRefused()
    {
        FluentActions.Invoking(() => TensorData.From(new float[4], 2, -2)).Should().Throw<ArgumentException>()
            .WithParameterName("shape").WithMessage("*negative dimension (-2 at index 1)*");
        FluentActions.Invoking(() => TensorData.From(new float[4], long.MaxValue, 4)).Should().Throw<ArgumentException>()
            .WithParameterName("shape").WithMessage("*overflows*");
        FluentActions.Invoking(() => TensorData.From(new double[4], int.MaxValue, 2)).Should().Throw<ArgumentException>()
            .WithParameterName("shape").WithMessage("*more than the 2147483647 bytes*");
    }

    [Fact]
    public void From_UnsupportedElementType_IsRefusedListingTheSupportedOnes()
    {
        FluentActions.Invoking(() => TensorData.From(new ulong[1], 1)).Should().Throw<ArgumentException>()
            .WithParameterName("T").WithMessage("System.UInt64 is not a tensor element type. Supported: float, double, int, long, byte, bool, Half, ushort.*");
        FluentActions.Invoking(() => TensorData.From(new sbyte[1], 1)).Should().Throw<ArgumentException>().WithParameterName("T");
    }

    [Fact]
    public void AsSpanOrToArray_WrongElementType_IsRefusedNamingTheRightOne()
    {
        var tensor = TensorData.From(new float[4], 4);

        FluentActions.Invoking(() => tensor.AsSpan<double>().Length).Should().Throw<ArgumentException>()
            .WithParameterName("T").WithMessage("Cannot read a Float32 tensor as Double (Float64); use float.*");
        FluentActions.Invoking(() => tensor.ToArray<int>()).Should().Throw<ArgumentException>().WithMessage("*use float*");
        FluentActions.Invoking(() => tensor.ToArray<char>()).Should().Throw<ArgumentException>().WithMessage("System.Char is not a tensor element type*");
    }

    [Fact]
    public void Wrap_WrongByteCount_IsRefusedWithTheCountItNeeds() =>
        FluentActions.Invoking(() => TensorData.Wrap(DType.Float16, new byte[5], 3)).Should().Throw<ArgumentException>()
            .WithParameterName("data").WithMessage("A Float16 tensor of shape [3] needs exactly 6 bytes (3 elements of 2 bytes), but the data has 5.*");

    [Fact]
    public void Wrap_BoolByteOtherThanZeroOrOne_IsRefused() =>
        FluentActions.Invoking(() => TensorData.Wrap(DType.Bool, new byte[] { 0, 1, 2 }, 3)).Should().Throw<ArgumentException>()
            .WithMessage("*byte 2 is 2*");

    [Fact]
    public void Wrap_UndefinedDType_IsRefused() =>
        FluentActions.Invoking(() => TensorData.Wrap((DType)0, new byte[4], 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("dtype");

    [Fact]
    public void Shape_CannotBeChangedThroughTheList()
    {
        var shape = new long[] { 2, 2 };
        var tensor = TensorData.From(new int[4], shape);

        shape[0] = 4;

        tensor.Shape.Should().Equal(2, 2);
        (tensor.Shape as long[]).Should().BeNull("the shape is not handed out as its array");
    }

    /// <summary>Memory that no array backs, as a pooled or native buffer is.</summary>
    private sealed unsafe class NativeFloats : MemoryManager<float>
    {
        private readonly float* _pointer;
        private readonly int _length;

        public NativeFloats(float[] values)
        {
            _length = values.Length;
            _pointer = (float*)NativeMemory.Alloc((nuint)(values.Length * sizeof(float)));
            values.CopyTo(new Span<float>(_pointer, _length));
        }

        public override Span<float> GetSpan() => new(_pointer, _length);

        public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

        public override void Unpin()
        {
        }

        protected override void Dispose(bool disposing) => NativeMemory.Free(_pointer);
    }
}
