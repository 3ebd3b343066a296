using System;
using Kiosk.Core.Commands;
using Kiosk.Core.Loop;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Xunit;

namespace Kiosk.Core.Tests.Security;

public sealed class CommandVerifierTests
{
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private readonly VirtualClock _clock = new(new DateTime(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc), synced: true);
    private readonly MemoryStorage _storage = new();
    private readonly BclHmacSha256 _hmac = new();

    private CommandVerifier Verifier() => new("main-gate", Key, _hmac, _clock, _storage);

    private SignedCommand Unlock(long counter, long ageSeconds = 0, string device = "main-gate")
    {
        var now = new DateTimeOffset(_clock.UtcNow).ToUnixTimeSeconds() - ageSeconds;
        var command = new SignedCommand
        {
            RequestId = "r1", DeviceId = device, Command = "unlock", Sender = "operator:li",
            IssuedAt = now, ExpiresAt = now + 30, Counter = counter,
        };
        CommandSigner.Sign(command, Key, _hmac);
        return command;
    }

    private CommandResult Verify(CommandVerifier verifier, SignedCommand command, bool retained = false) =>
        verifier.Verify(command, retained, out _);

    [Fact]
    public void A_fresh_correctly_signed_command_is_accepted_once()
    {
        var verifier = Verifier();
        var command = Unlock(100);

        Assert.Equal(CommandResult.Ok, Verify(verifier, command));
        Assert.Equal(CommandResult.Replay, Verify(verifier, command));
    }

    [Fact]
    public void The_accepted_counter_survives_a_reboot()
    {
        Assert.Equal(CommandResult.Ok, Verify(Verifier(), Unlock(100)));

        var afterReboot = Verifier();

        Assert.Equal(100, afterReboot.LastCounter);
        Assert.Equal(CommandResult.Replay, Verify(afterReboot, Unlock(100)));
        Assert.Equal(CommandResult.Replay, Verify(afterReboot, Unlock(99)));
        Assert.Equal(CommandResult.Ok, Verify(afterReboot, Unlock(101)));
    }

    [Theory]
    [InlineData("argument")]
    [InlineData("sender")]
    [InlineData("counter")]
    [InlineData("expiry")]
    [InlineData("command")]
    public void Changing_any_covered_field_after_signing_breaks_the_MAC(string field)
    {
        var command = Unlock(100);
        switch (field)
        {
            case "argument": command.Argument = "x"; break;
            case "sender": command.Sender = "operator:mallory"; break;
            case "counter": command.Counter = 101; break;
            case "expiry": command.ExpiresAt += 60; break;
            case "command": command.Command = "lockdown"; break;
        }

        Assert.Equal(CommandResult.BadSignature, Verify(Verifier(), command));
    }

    [Fact]
    public void An_expired_command_is_refused()
    {
        Assert.Equal(CommandResult.Expired, Verify(Verifier(), Unlock(100, ageSeconds: 120)));
    }

    [Fact]
    public void A_command_from_the_far_future_is_refused()
    {
        Assert.Equal(CommandResult.Expired, Verify(Verifier(), Unlock(100, ageSeconds: -600)));
    }

    [Fact]
    public void A_command_for_another_device_is_invalid_here()
    {
        Assert.Equal(CommandResult.Invalid, Verify(Verifier(), Unlock(100, device: "side-gate")));
    }

    [Fact]
    public void A_retained_command_is_dropped_even_when_signed()
    {
        Assert.Equal(CommandResult.Rejected, Verify(Verifier(), Unlock(100), retained: true));
    }

    [Fact]
    public void Without_a_synced_clock_only_the_time_command_is_taken()
    {
        var unsynced = new VirtualClock(new DateTime(1970, 1, 1, 0, 0, 10, DateTimeKind.Utc), synced: false);
        var verifier = new CommandVerifier("main-gate", Key, _hmac, unsynced, _storage);
        var time = Unlock(5);
        time.Command = "time";
        time.Argument = "1795000000000";
        CommandSigner.Sign(time, Key, _hmac);

        Assert.Equal(CommandResult.Rejected, Verify(verifier, Unlock(4)));
        Assert.Equal(CommandResult.Ok, Verify(verifier, time));
    }

    [Fact]
    public void A_validity_longer_than_five_minutes_is_refused()
    {
        var command = Unlock(100);
        command.ExpiresAt = command.IssuedAt + 3600;
        CommandSigner.Sign(command, Key, _hmac);

        Assert.Equal(CommandResult.Invalid, Verify(Verifier(), command));
    }

    [Fact]
    public void A_short_key_is_refused_at_start_up()
    {
        Assert.Throws<ArgumentException>(() => new CommandVerifier("main-gate", new byte[8], _hmac, _clock, _storage));
    }
}
