using Kiosk.Core;
using System;
using System.Text;
using System.Text.Json;
using Kiosk.Core.Commands;
using Kiosk.Core.Events;
using Kiosk.Core.Protocol;
using Kiosk.Core.Security;
using Kiosk.Core.Tests.Support;
using Kiosk.HostSim.Adapters;
using Xunit;

namespace Kiosk.Core.Tests.Protocol;

/// <summary>Every message the core writes, read back with System.Text.Json: the same bytes mean the same thing on both sides.</summary>
public sealed class CodecTests
{
    private readonly MessageWriter _writer = new("maple-court", "main-gate");

    private static JsonElement Parse(byte[] payload) => JsonDocument.Parse(payload).RootElement;

    [Fact]
    public void An_event_carries_every_field_with_a_four_digit_year_time()
    {
        var record = new EventRecord
        {
            Sequence = 57, BootId = 3, UnixMillis = 1795000000123, TimeSynced = true, Type = EventType.DoorState,
            Code = 5, Source = "forced", Detail = "FORCED_OPEN \"quoted\" \\ é",
        };

        var json = Parse(_writer.Event(record));

        Assert.Equal(1, json.GetProperty("v").GetInt32());
        Assert.Equal("maple-court", json.GetProperty("site").GetString());
        Assert.Equal("main-gate", json.GetProperty("dev").GetString());
        Assert.Equal(3, json.GetProperty("boot").GetInt32());
        Assert.Equal(57, json.GetProperty("seq").GetInt64());
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795000000123).UtcDateTime, json.GetProperty("ts").GetDateTime().ToUniversalTime());
        Assert.Equal("2026-11-18T11:06:40.123Z", json.GetProperty("ts").GetString());
        Assert.True(json.GetProperty("synced").GetBoolean());
        Assert.Equal("door", json.GetProperty("type").GetString());
        Assert.Equal("FORCED_OPEN", json.GetProperty("name").GetString());
        Assert.Equal("FORCED_OPEN \"quoted\" \\ é", json.GetProperty("detail").GetString());
    }

    [Fact]
    public void Text_goes_out_as_utf8_with_control_characters_escaped()
    {
        var writer = new JsonWriter();

        var payload = writer.Begin().Field("gate", "东门岗亭").Field("ctl", "a\u0001\tb\u007f").Field("pair", "🚪")
            .Field("min", long.MinValue).Field("max", long.MaxValue).Field("zero", 0).EndToBytes();

        var json = Parse(payload);
        Assert.Equal("东门岗亭", json.GetProperty("gate").GetString());
        Assert.Equal("a\u0001\tb\u007f", json.GetProperty("ctl").GetString());
        Assert.Equal("🚪", json.GetProperty("pair").GetString());
        Assert.Equal(long.MinValue, json.GetProperty("min").GetInt64());
        Assert.Equal(long.MaxValue, json.GetProperty("max").GetInt64());
        Assert.Equal(0, json.GetProperty("zero").GetInt64());
        var text = Encoding.UTF8.GetString(payload);
        Assert.Contains("\"gate\":\"东门岗亭\"", text, StringComparison.Ordinal); // raw UTF-8, three bytes a character, not \\u escapes
        Assert.Contains("a\\u0001\\u0009b\\u007f", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_reuses_its_buffer_across_messages()
    {
        var writer = new JsonWriter();
        writer.Begin().Field("long", new string('x', 2000)).EndToBytes();

        var small = writer.Begin().Field("a", 1).EndToBytes();

        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(small));
    }

    [Fact]
    public void Every_event_type_writes_valid_json()
    {
        foreach (var type in Enum.GetValues<EventType>())
        {
            var json = Parse(_writer.Event(new EventRecord { Sequence = 1, Type = type, Code = 1, Source = "s", Detail = "d" }));
            Assert.Equal(Names.Of(type), json.GetProperty("type").GetString());
        }
    }

    [Fact]
    public void Status_state_heartbeat_and_reply_are_valid_json()
    {
        var rig = new EntranceRig().Settled();

        var status = Parse(_writer.Status(false, 4, 2, 1795000000000));
        var state = Parse(_writer.State(rig.Controller, 1795000000000));
        var heartbeat = Parse(_writer.Heartbeat(4, 3600, 81234, -61, 12, true, 1795000000000));
        var reply = Parse(_writer.Reply("r-9", "unlock", CommandResult.DoorNotOpened, "", 1795000000000));

        Assert.Equal("offline", status.GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("conn").GetInt32());
        Assert.Equal(FirmwareInfo.Version, status.GetProperty("fw").GetString());
        Assert.Equal(1, Parse(new MessageWriter("maple-court", "main-gate", 1).Status(true, 4, 3, 0)).GetProperty("cfg").GetInt32());
        Assert.Equal("LOCKED_CLOSED", state.GetProperty("door").GetString());
        Assert.Equal(JsonValueKind.Array, state.GetProperty("latched").ValueKind);
        Assert.Equal(rig.Controller.UnlockPulseSeconds, state.GetProperty("pulse").GetInt32()); // the duty room counts the unlock window down
        Assert.InRange(rig.Controller.UnlockPulseSeconds, 1, 255);
        Assert.Equal(-61, heartbeat.GetProperty("rssi").GetInt32());
        Assert.Equal("door-not-opened", reply.GetProperty("result").GetString());
    }

    [Fact]
    public void A_command_written_by_the_console_side_is_read_back_field_for_field()
    {
        var sent = new SignedCommand
        {
            RequestId = "req-1", DeviceId = "main-gate", Command = "ack", Argument = "forced-open", Sender = "operator:li",
            IssuedAt = 1795000000, ExpiresAt = 1795000030, Counter = 1795000000123,
        };
        var payload = new CommandWriter().Write(sent, new byte[32], new BclHmacSha256(), "kiosk/v1/maple-court/dutyroom/replies");

        var read = new SignedCommand();
        var problem = CommandReader.Read(payload, read, out var reply);

        Assert.Null(problem);
        Assert.Equal(sent.Canonical(), read.Canonical());
        Assert.Equal(sent.Mac, read.Mac);
        Assert.Equal("kiosk/v1/maple-court/dutyroom/replies", reply);
        var viaStj = Parse(payload);
        Assert.Equal(1795000000123, viaStj.GetProperty("ctr").GetInt64());
    }

    [Theory]
    [InlineData("", "empty payload")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"v\":2}", "'v' must be 1")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"o\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\",\"x\":1}", "unknown field 'x'")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"open-sesame\",\"from\":\"o\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "unknown command 'open-sesame'")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"o\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "'mac' must be 64 hex digits")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"o\",\"iat\":\"1\",\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "'iat' must be a whole number")]
    [InlineData("{\"v\":1,\"id\":\"a\\n\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"o\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "printable ASCII only")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"李明\\u0007\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "'from' may not hold control characters")]
    [InlineData("{\"v\":1,\"id\":\"a\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"operator:李明李明李明李明李明李明李明\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "'from' must be 1..48 bytes of UTF-8")]
    [InlineData("{\"v\":1,\"id\":\"东门\",\"dev\":\"d\",\"cmd\":\"unlock\",\"from\":\"o\",\"iat\":1,\"exp\":2,\"ctr\":3,\"mac\":\"00\"}", "'id' may hold printable ASCII only")]
    [InlineData("{\"v\":1,", "malformed JSON")]
    public void Malformed_commands_are_refused_with_the_reason(string text, string reason)
    {
        var problem = CommandReader.Read(Encoding.UTF8.GetBytes(text), new SignedCommand(), out _);

        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversize_command_is_refused_before_parsing()
    {
        var problem = CommandReader.Read(new byte[CommandReader.MaxPayloadBytes + 1], new SignedCommand(), out _);

        Assert.Contains("exceeds 1536", problem, StringComparison.Ordinal);
    }
}
