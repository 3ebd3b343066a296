using System;
using System.Text;
using Kiosk.Core.Commands;
using Kiosk.Core.Loop;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Xunit;

namespace Kiosk.Core.Tests.Protocol;

/// <summary>
/// The reader's fast path accepts only what the full reader accepts, with the same fields, and a
/// board's command check (read + verify) stays within its allocation budget. Bytes are counted on
/// the calling thread, never time.
/// </summary>
public sealed class CommandScannerTests
{
    private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
    private const string Specials = " \"\\{}:,0-.e#+\u007f\t";
    private static readonly DateTime Now = new(2026, 11, 24, 20, 0, 0, DateTimeKind.Utc);

    private static SignedCommand Command(string command, string argument, string sender, long counter) => new()
    {
        RequestId = "req-" + counter, DeviceId = "main-gate", Command = command, Argument = argument, Sender = sender,
        IssuedAt = new DateTimeOffset(Now).ToUnixTimeSeconds(), ExpiresAt = new DateTimeOffset(Now).ToUnixTimeSeconds() + 30, Counter = counter,
    };

    private static void AssertSame(SignedCommand expected, SignedCommand actual)
    {
        Assert.Equal(expected.RequestId, actual.RequestId);
        Assert.Equal(expected.DeviceId, actual.DeviceId);
        Assert.Equal(expected.Command, actual.Command);
        Assert.Equal(expected.Argument, actual.Argument);
        Assert.Equal(expected.Sender, actual.Sender);
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.Counter, actual.Counter);
        Assert.Equal(expected.Mac, actual.Mac);
        Assert.Equal(expected.Data, actual.Data);
    }

    [Theory]
    [InlineData("unlock", "", "operator:li", null)]
    [InlineData("lockdown", "on", "operator:李明", null)]
    [InlineData("answer", "c-12-3", "operator:王芳", "kiosk/maple-court/console/replies")]
    [InlineData("end", "c-12-3", "operator:😀", "")]
    public void Commands_the_console_writes_take_the_fast_path_and_read_as_the_full_reader_reads_them(string command, string argument, string sender, string? reply)
    {
        var payload = new CommandWriter().Write(Command(command, argument, sender, 7), Key, new BclHmacSha256(), reply);
        var full = new SignedCommand();
        Assert.Null(CommandReader.Read(payload, full, out var fullReply));
        var fast = new SignedCommand();
        Assert.True(new CommandScanner().TryRead(payload, fast, out var fastReply));
        AssertSame(full, fast);
        Assert.Equal(fullReply, fastReply);
    }

    [Fact]
    public void Whatever_the_fast_path_accepts_the_full_reader_accepts_with_the_same_fields()
    {
        var random = new Random(1717);
        var writer = new CommandWriter();
        var hmac = new BclHmacSha256();
        var seeds = new[]
        {
            writer.Write(Command("unlock", "", "operator:li", 1), Key, hmac, null),
            writer.Write(Command("lockdown", "off", "operator:李明", 2), Key, hmac, "kiosk/x/replies"),
            Encoding.UTF8.GetBytes(" {\n \"v\" : 1 , \"id\":\"a\",\"dev\":\"main-gate\",\"cmd\":\"state\",\"from\":\"op\",\"iat\":0,\"exp\":10,\"ctr\":9,\"mac\":\""
                + new string('a', 64) + "\"}\r\n"),
        };
        var scanner = new CommandScanner();
        int fastAccepted = 0, fullOnly = 0;
        for (var i = 0; i < 30_000; i++)
        {
            var payload = (byte[])seeds[i % seeds.Length].Clone();
            for (var m = random.Next(0, 3); m > 0 && payload.Length > 0; m--)
            {
                switch (random.Next(4))
                {
                    case 0: payload[random.Next(payload.Length)] = (byte)random.Next(256); break;
                    case 1: payload[random.Next(payload.Length)] ^= (byte)(1 << random.Next(8)); break;
                    case 2: payload[random.Next(payload.Length)] = (byte)Specials[random.Next(Specials.Length)]; break;
                    default: Array.Resize(ref payload, random.Next(payload.Length)); break;
                }
            }
            var full = new SignedCommand();
            var fullProblem = CommandReader.Read(payload, full, out var fullReply);
            var fast = new SignedCommand();
            if (scanner.TryRead(payload, fast, out var fastReply))
            {
                fastAccepted++;
                Assert.Null(fullProblem);
                AssertSame(full, fast);
                Assert.Equal(fullReply, fastReply);
            }
            else if (fullProblem is null)
            {
                fullOnly++;
            }
        }
        Assert.InRange(fastAccepted, 10_000, 30_000); // the unmutated and harmlessly mutated ones
        Assert.True(fullOnly < fastAccepted);
    }

    [Theory]
    [InlineData("unlock", "", "operator:li", 1L, 2L)]
    [InlineData("ack", "3", "operator:李明", 0L, 0L)]
    [InlineData("time", "1795000000000", "op\ud800", -5L, long.MinValue)]
    public void The_canonical_bytes_are_the_utf8_of_the_canonical_text(string command, string argument, string sender, long issued, long counter)
    {
        var c = Command(command, argument, sender, counter);
        c.IssuedAt = issued;
        var form = new CanonicalForm();
        var length = form.Write(c);
        Assert.Equal(Encoding.UTF8.GetBytes(c.Canonical()), form.Buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Reading_and_verifying_a_command_allocates_at_most_512_bytes()
    {
        var clock = new VirtualClock(Now, synced: true);
        var hmac = new BclHmacSha256();
        var verifier = new CommandVerifier("main-gate", Key, hmac, clock, new MemoryStorage());
        var writer = new CommandWriter();
        const int N = 200;
        var payloads = new byte[N + 20][];
        for (var i = 0; i < payloads.Length; i++)
            payloads[i] = writer.Write(Command(i % 2 == 0 ? "unlock" : "lockdown", i % 2 == 0 ? "" : "on", "operator:李明", 1000 + i), Key, hmac, null);
        var into = new SignedCommand();
        var scanner = new CommandScanner();
        var results = new CommandResult[payloads.Length]; // asserted after the count: xunit's asserts allocate
        for (var i = 0; i < 20; i++) // warm: the scanner has seen this door and operator
            results[i] = Check(payloads[i]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 20; i < payloads.Length; i++)
            results[i] = Check(payloads[i]);
        var perCommand = (GC.GetAllocatedBytesForCurrentThread() - before) / N;

        Assert.All(results, r => Assert.Equal(CommandResult.Ok, r));
        Assert.InRange(perCommand, 0, 512);

        CommandResult Check(byte[] payload)
        {
            if (CommandReader.Read(payload, into, out _, scanner) is not null)
                return CommandResult.Invalid;
            return verifier.Verify(into, false, out _);
        }
    }

    [Fact]
    public void A_forged_mac_is_refused_on_the_fast_path_too()
    {
        var clock = new VirtualClock(Now, synced: true);
        var verifier = new CommandVerifier("main-gate", Key, new BclHmacSha256(), clock, new MemoryStorage());
        var c = Command("unlock", "", "operator:li", 5);
        CommandSigner.Sign(c, Key, new BclHmacSha256());
        c.Mac = (c.Mac[0] == 'a' ? "b" : "a") + c.Mac[1..];
        var into = new SignedCommand();
        Assert.Null(CommandReader.Read(new CommandWriter().WriteSigned(c, null), into, out _, new CommandScanner()));
        Assert.Equal(CommandResult.BadSignature, verifier.Verify(into, false, out _));
        c.Mac = c.Mac.ToUpperInvariant(); // upper-case hex is hex: still the wrong MAC
        Assert.Equal(CommandResult.BadSignature, verifier.Verify(c, false, out _));
    }
}
