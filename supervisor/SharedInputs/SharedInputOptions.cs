using System.ComponentModel.DataAnnotations;

namespace Cuvis.Sandbox.Supervisor.SharedInputs;

/// <summary>
/// Input tensors a same-host client passes by <c>Tensor.shm_ref</c>: the name of a POSIX
/// shared-memory segment (<c>/dev/shm/&lt;name&gt;</c>) instead of the bytes.
/// </summary>
internal sealed class SharedInputOptions
{
    public const string Section = "SharedMemoryInputs";

    /// <summary>Accept shm_ref tensors at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// What every segment name must start with (after its leading '/'), so a client can name only
    /// segments made for this server. Default <c>cuvis_</c>, as cuvis-ai's clients name theirs
    /// (<c>/cuvis_&lt;pid&gt;_&lt;n&gt;</c>).
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "SharedMemoryInputs:NamePrefix takes 1 to 64 letters, digits, '.', '_' or '-'.")]
    public string NamePrefix { get; set; } = "cuvis_";

    /// <summary>
    /// Accept shm_ref tensors from clients that are not on loopback. Default false: a remote
    /// client's segment names would name this host's segments, which it cannot have made. When
    /// true, a segment must be owned by this server's user or be readable by everyone.
    /// </summary>
    public bool AllowRemoteClients { get; set; }

    /// <summary>Where POSIX shared memory lives. Default <c>/dev/shm</c>; tests point it elsewhere.</summary>
    [Required]
    public string Directory { get; set; } = "/dev/shm";
}
