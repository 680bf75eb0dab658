namespace Cuvis.Sandbox.Contracts;

/// <summary>
/// A node's one graph role, declared with <see cref="NodeMetadataAttribute"/>. The names and
/// numbers are cuvis-ai's <c>NodeCategory</c>, so a client reads them as it reads upstream's.
/// </summary>
public enum NodeCategory
{
    /// <summary>No category declared; the default.</summary>
    Unspecified = 0,

    /// <summary>Produces data and takes no graph input.</summary>
    Source = 1,

    /// <summary>Consumes data and gives no graph output.</summary>
    Sink = 2,

    /// <summary>Turns data into data and learns nothing.</summary>
    Transform = 3,

    /// <summary>Turns data into data with learnt parameters.</summary>
    Model = 4,

    /// <summary>Computes a training loss.</summary>
    Loss = 5,

    /// <summary>Computes a metric.</summary>
    Metric = 6,

    /// <summary>Updates learnt parameters (training).</summary>
    Optimizer = 7,

    /// <summary>Schedules training hyperparameters such as the learning rate.</summary>
    Scheduler = 8,

    /// <summary>Adds a regularisation term (training).</summary>
    Regularizer = 9,

    /// <summary>Drives other nodes, such as a training loop.</summary>
    Runner = 10,

    /// <summary>Makes images or plots for people.</summary>
    Visualizer = 11,

    /// <summary>Steers the data flow: branch, merge, switch, gate.</summary>
    Control = 12,
}
