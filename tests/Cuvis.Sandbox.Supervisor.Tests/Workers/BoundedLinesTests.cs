using System.Text;
using Cuvis.Sandbox.Supervisor.Workers;

namespace Cuvis.Sandbox.Supervisor.Tests.Workers;

public sealed class BoundedLinesTests
{
    [Fact]
    public async Task ReadAsync_SplitsLines_AndDropsCarriageReturns()
    {
        var lines = await ReadAsync("first\r\nsecond\nlast without newline");

        lines.Should().Equal("first", "second", "last without newline");
    }

    [Fact]
    public async Task ReadAsync_EndlessLine_IsCutAtTheLimit_WithoutBufferingTheRest()
    {
        // 64 MiB without a newline: a hostile worker's flood. Only the limit is ever held.
        var flood = new RepeatingStream((byte)'x', 64L * 1024 * 1024);
        var lines = new List<string>();

        await BoundedLines.ReadAsync(flood, lines.Add, CancellationToken.None);

        lines.Should().ContainSingle().Which.Should()
            .StartWith(new string('x', BoundedLines.MaxLineBytes)).And.EndWith($"…(line cut at {BoundedLines.MaxLineBytes} bytes)");
        lines[0].Length.Should().BeLessThan(BoundedLines.MaxLineBytes + 64);
    }

    [Fact]
    public async Task ReadAsync_LinesAfterACutLine_AreReadNormally()
    {
        var lines = await ReadAsync(new string('y', BoundedLines.MaxLineBytes + 10) + "\nnext\n");

        lines.Should().HaveCount(2);
        lines[1].Should().Be("next");
    }

    private static async Task<List<string>> ReadAsync(string text)
    {
        var lines = new List<string>();
        await BoundedLines.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), lines.Add, CancellationToken.None);
        return lines;
    }

    /// <summary>A long stream of one byte that never exists in memory whole.</summary>
    private sealed class RepeatingStream(byte value, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill(value);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
