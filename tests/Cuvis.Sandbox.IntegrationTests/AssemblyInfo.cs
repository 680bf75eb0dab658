// These tests start real processes and count them; running them one at a time keeps the counts
// exact and the 2-core CI machine from starving a worker past its start timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// They read /proc and send POSIX signals: Linux is where they run.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
