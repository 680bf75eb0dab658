using System.Text;
using Cuvis.Sandbox.Protos.V1;
using Cuvis.Sandbox.Worker.Pipelines;
using Cuvis.Sandbox.Worker.Tensors;

namespace Cuvis.Sandbox.Worker.Grpc;

/// <summary>
/// An InputBatch as the tensors nodes take by port name: each field under its own name, then
/// <c>extra_inputs</c>. Upstream's non-tensor fields become tensors of a fixed layout:
/// <list type="bullet">
/// <item><c>bboxes</c>: float32 [N, 6], one row per box: element_id, x_min, y_min, x_max, y_max, object_id (-1 when unset).</item>
/// <item><c>points</c>: float32 [N, 4], one row per point: element_id, x, y, type (PointType's number: 1 positive, 2 negative, 3 neutral).</item>
/// <item><c>text_prompt</c>: uint8 [bytes], the prompt's UTF-8 (absent when empty).</item>
/// </list>
/// <c>mesu_index</c>, <c>rgb_image</c> and <c>frame_id</c> are tensors already.
/// </summary>
internal static class BatchInputs
{
    public static Dictionary<string, Contracts.Tensor> Decode(InputBatch? batch)
    {
        var inputs = new Dictionary<string, Contracts.Tensor>(StringComparer.Ordinal);
        if (batch is null)
        {
            return inputs;
        }

        foreach (var (name, wire) in new[]
                 {
                     ("cube", batch.Cube), ("wavelengths", batch.Wavelengths), ("mask", batch.Mask),
                     ("mesu_index", batch.MesuIndex), ("rgb_image", batch.RgbImage), ("frame_id", batch.FrameId),
                 })
        {
            if (wire is not null)
            {
                inputs[name] = TensorCodec.Decode(wire, name, ProblemFields.Input(name));
            }
        }

        if (batch.Bboxes is { Boxes.Count: > 0 } boxes)
        {
            inputs["bboxes"] = Rows(boxes.Boxes, 6, (b, row) =>
            {
                row[0] = b.ElementId;
                row[1] = b.XMin;
                row[2] = b.YMin;
                row[3] = b.XMax;
                row[4] = b.YMax;
                row[5] = b.HasObjectId ? b.ObjectId : -1;
            });
        }

        if (batch.Points is { Points_.Count: > 0 } points)
        {
            inputs["points"] = Rows(points.Points_, 4, (p, row) =>
            {
                row[0] = p.ElementId;
                row[1] = p.X;
                row[2] = p.Y;
                row[3] = (float)p.Type;
            });
        }

        if (batch.TextPrompt.Length > 0)
        {
            var utf8 = Encoding.UTF8.GetBytes(batch.TextPrompt);
            inputs["text_prompt"] = Contracts.Tensor.FromArray(utf8, utf8.Length);
        }

        foreach (var (name, wire) in batch.ExtraInputs)
        {
            var field = ProblemFields.ExtraInput(name);
            if (!inputs.TryAdd(name, TensorCodec.Decode(wire, name, field)))
            {
                throw new InvalidTensorException($"Tensor '{name}' is given twice: as a field of the batch and in extra_inputs.", field);
            }
        }

        return inputs;
    }

    private static Contracts.Tensor Rows<T>(IReadOnlyList<T> items, int width, Action<T, Span<float>> fill)
    {
        var values = new float[items.Count * width];
        for (var i = 0; i < items.Count; i++)
        {
            fill(items[i], values.AsSpan(i * width, width));
        }

        return Contracts.Tensor.FromArray(values, items.Count, width);
    }
}
