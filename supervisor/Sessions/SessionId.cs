using System.Security.Cryptography;

namespace Cuvis.Sandbox.Supervisor.Sessions;

/// <summary>A session's id: a random (version 4) UUID drawn from a cryptographic generator.</summary>
internal readonly record struct SessionId(string Value)
{
    public static SessionId New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid stores this group little-endian)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new SessionId(new Guid(bytes).ToString("D"));
    }

    public override string ToString() => Value;
}
