namespace Cuvis.Sandbox.Tests.Shared;

internal enum MutationKind
{
    FlipBit,
    SetByte,
    Truncate,
    Delete,
    Insert,
    InsertToken,
    Duplicate,
}
