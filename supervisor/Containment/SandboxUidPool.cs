using Microsoft.Extensions.Options;

namespace Cuvis.Sandbox.Supervisor.Containment;

/// <summary>
/// Hands out one unprivileged uid per live sandbox from <see cref="ContainmentOptions.UidRangeStart"/>
/// on: no two live workers or builds share one, so none can signal, trace or read another's
/// files. The uids need no /etc/passwd entry. Allocation rotates through the range, so a
/// released uid is not handed out again soon.
/// </summary>
internal sealed class SandboxUidPool(IOptions<ContainmentOptions> options)
{
    private readonly HashSet<int> _inUse = [];
    private readonly Lock _gate = new();
    private int _next;

    public int Rent()
    {
        var start = options.Value.UidRangeStart;
        var size = options.Value.UidRangeSize;
        lock (_gate)
        {
            for (var tried = 0; tried < size; tried++)
            {
                var uid = start + ((_next + tried) % size);
                if (_inUse.Add(uid))
                {
                    _next = (_next + tried + 1) % size;
                    return uid;
                }
            }
        }

        throw new ContainmentUnavailableException(
            $"All {size} sandbox uids from {start} on are in use. Raise Containment:UidRangeSize.");
    }

    public void Return(int uid)
    {
        lock (_gate)
        {
            _inUse.Remove(uid);
        }
    }
}
