namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// What a node is about, declared with <see cref="NodeMetadataAttribute"/>, any number per node.
/// The names and numbers are cuvis-ai's <c>NodeTag</c>: 100s modality, 200s task, 300s pipeline
/// stage, 400s properties, 500s backend.
/// </summary>
public enum NodeTag
{
    /// <summary>No tag; never listed for a node.</summary>
    Unspecified = 0,

    /// <summary>Modality: image.</summary>
    Image = 100,

    /// <summary>Modality: video.</summary>
    Video = 101,

    /// <summary>Modality: RGB.</summary>
    Rgb = 102,

    /// <summary>Modality: multispectral.</summary>
    Multispectral = 103,

    /// <summary>Modality: hyperspectral.</summary>
    Hyperspectral = 104,

    /// <summary>Modality: point cloud.</summary>
    PointCloud = 105,

    /// <summary>Modality: depth.</summary>
    Depth = 106,

    /// <summary>Modality: mask.</summary>
    Mask = 107,

    /// <summary>Modality: bounding boxes.</summary>
    Bbox = 108,

    /// <summary>Modality: keypoints.</summary>
    Keypoints = 109,

    /// <summary>Modality: text.</summary>
    Text = 110,

    /// <summary>Modality: audio.</summary>
    Audio = 111,

    /// <summary>Modality: tabular.</summary>
    Tabular = 112,

    /// <summary>Modality: time series.</summary>
    TimeSeries = 113,

    /// <summary>Modality: metadata.</summary>
    Metadata = 114,

    /// <summary>Modality: embedding.</summary>
    Embedding = 115,

    /// <summary>Task: classification.</summary>
    Classification = 200,

    /// <summary>Task: segmentation.</summary>
    Segmentation = 201,

    /// <summary>Task: detection.</summary>
    Detection = 202,

    /// <summary>Task: tracking.</summary>
    Tracking = 203,

    /// <summary>Task: regression.</summary>
    Regression = 204,

    /// <summary>Task: generation.</summary>
    Generation = 205,

    /// <summary>Task: reconstruction.</summary>
    Reconstruction = 206,

    /// <summary>Task: denoising.</summary>
    Denoising = 207,

    /// <summary>Task: unmixing.</summary>
    Unmixing = 208,

    /// <summary>Task: dimensionality reduction.</summary>
    DimReduction = 209,

    /// <summary>Task: clustering.</summary>
    Clustering = 210,

    /// <summary>Task: anomaly.</summary>
    Anomaly = 211,

    /// <summary>Task: retrieval.</summary>
    Retrieval = 212,

    /// <summary>Pipeline stage: preprocessing.</summary>
    Preprocessing = 300,

    /// <summary>Pipeline stage: postprocessing.</summary>
    Postprocessing = 301,

    /// <summary>Pipeline stage: augmentation.</summary>
    Augmentation = 302,

    /// <summary>Pipeline stage: calibration.</summary>
    Calibration = 303,

    /// <summary>Pipeline stage: normalization.</summary>
    Normalization = 304,

    /// <summary>Pipeline stage: training.</summary>
    Training = 305,

    /// <summary>Pipeline stage: evaluation.</summary>
    Evaluation = 306,

    /// <summary>Pipeline stage: inference.</summary>
    Inference = 307,

    /// <summary>Property: learnable.</summary>
    Learnable = 400,

    /// <summary>Property: differentiable.</summary>
    Differentiable = 401,

    /// <summary>Property: stochastic.</summary>
    Stochastic = 402,

    /// <summary>Property: invertible.</summary>
    Invertible = 403,

    /// <summary>Property: streaming.</summary>
    Streaming = 404,

    /// <summary>Property: batched.</summary>
    Batched = 405,

    /// <summary>Property: stateful.</summary>
    Stateful = 406,

    /// <summary>Backend: PyTorch.</summary>
    Torch = 500,

    /// <summary>Backend: NumPy.</summary>
    Numpy = 501,

    /// <summary>Backend: JAX.</summary>
    Jax = 502,

    /// <summary>Backend: ONNX.</summary>
    Onnx = 503,
}
