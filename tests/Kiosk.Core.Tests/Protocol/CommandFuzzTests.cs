using System;
using Kiosk.Core.Commands;
using Kiosk.Core.Loop;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Xunit;

namespace Kiosk.Core.Tests.Protocol;

/// <summary>
/// Random and mutated command payloads: the reader never throws, and whatever it accepts and the
/// verifier passes is exactly what was signed. Nothing unlocks that the key holder did not sign.
/// </summary>
public sealed class CommandFuzzTests
{
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    [Fact]
    public void Random_bytes_never_throw_and_never_verify()
    {
        var random = new Random(4231);
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc), synced: true);
        var verifier = new CommandVerifier("main-gate", Key, new BclHmacSha256(), clock, new MemoryStorage());
        for (var i = 0; i < 20_000; i++)
        {
            var payload = new byte[random.Next(0, 300)];
            random.NextBytes(payload);
            var command = new SignedCommand();
            if (CommandReader.Read(payload, command, out _) is null)
                Assert.NotEqual(CommandResult.Ok, verifier.Verify(command, false, out _));
        }
    }

    [Fact]
    public void Mutated_valid_commands_never_throw_and_only_verify_when_the_signed_fields_are_intact()
    {
        var random = new Random(2104);
        var clock = new VirtualClock(new DateTime(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc), synced: true);
        var now = new DateTimeOffset(clock.UtcNow).ToUnixTimeSeconds();
        var original = new SignedCommand
        {
            RequestId = "req-1", DeviceId = "main-gate", Command = "unlock", Sender = "operator:li",
            IssuedAt = now, ExpiresAt = now + 30, Counter = 1000,
        };
        var valid = new CommandWriter().Write(original, Key, new BclHmacSha256(), null);
        var accepted = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var payload = (byte[])valid.Clone();
            for (var m = random.Next(1, 4); m > 0 && payload.Length > 0; m--)
            {
                switch (random.Next(3))
                {
                    case 0: payload[random.Next(payload.Length)] = (byte)random.Next(256); break;
                    case 1: payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8)); break;
                    default: Array.Resize(ref payload, random.Next(payload.Length)); break;
                }
            }
            var command = new SignedCommand();
            if (CommandReader.Read(payload, command, out _) is not null)
                continue;
            // a fresh verifier each time, so a replay is not what stops it
            var verifier = new CommandVerifier("main-gate", Key, new BclHmacSha256(), clock, new MemoryStorage());
            if (verifier.Verify(command, false, out _) != CommandResult.Ok)
                continue;
            accepted++;
            Assert.Equal(original.Canonical(), command.Canonical());
        }
        Assert.True(accepted < 20_000);
    }
}
