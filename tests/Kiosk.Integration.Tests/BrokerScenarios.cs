using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Brokers;
using Kiosk.Integration.Tests.Support;
using Kiosk.HostSim.Site;
using MQTTnet;
using MQTTnet.Formatter;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// The device and the duty room over a real broker. Each scenario runs against MQTTnet's broker
/// and against Mosquitto, with the desktop transport and with the device's own transport code
/// (<see cref="Kiosk.Core.Link.BlockingClientTransport"/>, which the flashed board runs over M2Mqtt):
/// the four subclasses below.
/// </summary>
public abstract class BrokerScenarios : IAsyncLifetime
{
    /// <summary>Boards run the device's transport code.</summary>
    protected virtual bool DeviceTransport => false;

    private SimulatedBoard StartBoard(double speed = 1, int protocol = 5) =>
        TestBoards.Start(Broker.Port, speed, protocol: protocol, deviceTransport: DeviceTransport);

    private const string Site = "maple-court";
    private const string Device = "main-gate";

    protected abstract IBroker CreateBroker();

    protected IBroker Broker { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Broker = CreateBroker();
        await Broker.StartAsync();
    }

    public async Task DisposeAsync() => await Broker.DisposeAsync();

    [Fact]
    public async Task Events_buffered_through_a_ten_minute_outage_and_a_broker_restart_arrive_complete_and_deduplicated()
    {
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        using var board = StartBoard(speed: 50);
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        // What the broker had already acknowledged and forwarded is not the question here; a broker
        // without persistence loses what it holds when it stops, whatever the device does.
        await Eventually.HoldsAsync(() => board.Node.Outbox.Backlog == 0 && room.Events(Device).Count == board.Controller.Store.LastSequence, "boot events delivered");

        await Broker.StopAsync();
        await Eventually.HoldsAsync(() => board.Node.LinkState != LinkState.Connected, "board notices the outage");
        var outageStart = board.Clock.NowMillis;
        // 1200 patrol check-ins during the outage: the board must keep every one.
        for (var i = 0; i < 1200; i++)
        {
            board.Set(InputFunction.Patrol, true);
            await VirtualDelayAsync(board, 125);
            board.Set(InputFunction.Patrol, false);
            await VirtualDelayAsync(board, 125);
        }
        await Eventually.HoldsAsync(() => board.Clock.NowMillis - outageStart >= 10 * 60 * 1000, "ten simulated minutes pass", 60);
        Assert.True(board.Node.Outbox.Backlog >= 1000, $"backlog {board.Node.Outbox.Backlog}");

        // The duty room must be subscribed before the board gets back, or it would miss the start of
        // the drain (a real console keeps a persistent session): hold the board's clock meanwhile.
        board.Runner!.Speed = 0;
        await Broker.StartAsync();
        await using var room2 = await DutyRoomClient.ConnectAsync(Broker.Port);
        board.Runner!.Speed = 50;
        var last = board.Controller.Store.LastSequence;
        await Eventually.HoldsAsync(() => board.Node.Outbox.Backlog == 0, "backlog drained", 90);

        await Eventually.HoldsAsync(() => room2.Events(Device).Count >= last - SeqSeenBefore(room),
            () => $"events arrive: first room saw {room.Events(Device).Count}, second {room2.Events(Device).Count} ({room2.Arrivals.Count} arrivals, {room2.DuplicatesDropped} duplicates) of {last}; store delivered {board.Controller.Store.DeliveredThrough}; types {string.Join(",", room2.Events(Device).GroupBy(e => e.GetProperty("type").GetString()).Select(g => g.Key + "=" + g.Count()))}", 30);
        var seen = room.Events(Device).Select(e => e.GetProperty("seq").GetInt64())
            .Concat(room2.Events(Device).Select(e => e.GetProperty("seq").GetInt64())).Distinct().OrderBy(s => s).ToList();
        Assert.Equal(Enumerable.Range(1, (int)last).Select(s => (long)s), seen.Where(s => s <= last));
        var patrols = room2.Events(Device).Count(e => e.GetProperty("type").GetString() == "patrol");
        Assert.Equal(1200, patrols);
        Assert.Equal(0, board.Controller.Store.OverwrittenUndelivered);
        Assert.Null(board.Runner!.Failure);
        Assert.Empty(board.Runner.Monitor.Violations);
    }

    private static long SeqSeenBefore(DutyRoomClient room) => room.Events(Device).Count;

    /// <summary>Waits until the board's virtual clock has moved on by <paramref name="millis"/> (longer than the 50 ms debounce).</summary>
    private static async Task VirtualDelayAsync(SimulatedBoard board, long millis)
    {
        var until = board.Clock.NowMillis + millis;
        while (board.Clock.NowMillis < until)
            await Task.Delay(1);
    }

    [Fact]
    public async Task A_late_will_from_an_older_connection_does_not_leave_the_device_offline()
    {
        using var board = StartBoard();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        var boot = board.Controller.BootId;

        // What a broker does when it notices the previous connection died only after the device had
        // already reconnected: the old connection's will lands on the status topic, retained.
        var writer = new MessageWriter(Site, Device);
        await room.PublishRawAsync(new Topics(Site, Device).Status, writer.Status(false, boot, board.Node.Connection - 1, 0), retain: true);

        await Eventually.HoldsAsync(() => room.Messages("/status").Count(m => m.GetProperty("state").GetString() == "online") >= 2,
            "the device re-publishes its birth");
        await using var late = await DutyRoomClient.ConnectAsync(Broker.Port, clientId: "late-joiner");
        await Eventually.HoldsAsync(() => late.Messages("/status").Any(), "a late joiner gets the retained status");
        Assert.Equal("online", late.Messages("/status").Last().GetProperty("state").GetString());
    }

    [Fact]
    public async Task Two_estates_with_a_main_gate_each_share_a_broker_without_taking_over_each_others_session()
    {
        using var a = new SimulatedBoard(TestBoards.Config(site: "maple-court"), TestBoards.Connect(Broker.Port, site: "maple-court"), TestBoards.Key,
            deviceTransport: DeviceTransport).Start();
        using var b = new SimulatedBoard(TestBoards.Config(site: "pine-garden"), TestBoards.Connect(Broker.Port, site: "pine-garden"), TestBoards.Key,
            deviceTransport: DeviceTransport).Start();

        await Eventually.HoldsAsync(() => a.Node.LinkState == LinkState.Connected && b.Node.LinkState == LinkState.Connected, "both connected");
        await Task.Delay(5000);

        // Client ids "kiosk-maple-court.main-gate" and "kiosk-pine-garden.main-gate": neither was taken over.
        Assert.Equal(LinkState.Connected, a.Node.LinkState);
        Assert.Equal(LinkState.Connected, b.Node.LinkState);
        Assert.Equal(1, a.Node.Connection);
        Assert.Equal(1, b.Node.Connection);
    }

    [Fact]
    public async Task A_valid_command_published_retained_while_the_device_is_online_is_never_executed_twice()
    {
        using var board = StartBoard();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);

        await room.SendAsync(Site, Device, TestBoards.Key, "lockdown", "on", retain: true);

        if (!DeviceTransport)
        {
            // MQTT 5 with Retain-As-Published: the board sees the flag and refuses the command.
            await Eventually.HoldsAsync(() => room.Events(Device).Any(e => e.GetProperty("type").GetString() == "command"
                && e.GetProperty("detail").GetString()!.Contains("retained", StringComparison.Ordinal)), "refused as retained");
            Assert.False(board.Controller.LockDownActive);
            return;
        }
        // M2Mqtt cannot ask for Retain-As-Published, so the live copy runs (it is signed, fresh and
        // new); the broker's retained copy, delivered flagged on the next connection, is refused.
        await Eventually.HoldsAsync(() => board.Controller.LockDownActive, "the live copy runs");
        board.NetworkDown = true;
        await Eventually.HoldsAsync(() => board.Node.LinkState != LinkState.Connected, "link down");
        board.NetworkDown = false;
        await Eventually.HoldsAsync(() => board.RecordedSince(0).Any(e => e.Type == Kiosk.Core.Events.EventType.Command
            && e.Detail.Contains("retained", StringComparison.Ordinal)), "the retained copy is refused on reconnect", 60);
        Assert.Equal(1, board.RecordedSince(0).Count(e => e.Type == Kiosk.Core.Events.EventType.Command && e.Name == "ok"));
    }

    [Fact]
    public async Task A_retained_unlock_planted_before_the_device_connects_is_ignored_and_reported()
    {
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        await room.SendAsync(Site, Device, TestBoards.Key, "unlock", retain: true);
        await Task.Delay(200);

        using var board = StartBoard();
        await Eventually.HoldsAsync(() => room.Events(Device).Any(e => e.GetProperty("type").GetString() == "command"), "the refusal is reported");

        var refusal = room.Events(Device).First(e => e.GetProperty("type").GetString() == "command");
        Assert.Equal("rejected", refusal.GetProperty("name").GetString());
        Assert.Contains("retained", refusal.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(true, board.Lock.Snapshot().Select(w => w == board.Config.Lock.ReleaseLevel));
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("expired")]
    [InlineData("wrong-device")]
    [InlineData("replayed")]
    public async Task Unlocks_that_are_forged_expired_for_another_device_or_replayed_are_rejected_and_reported(string attack)
    {
        using var board = StartBoard();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        string expected;
        string id;
        switch (attack)
        {
            case "forged":
                id = await room.SendAsync(Site, Device, Encoding.ASCII.GetBytes("not-the-device-key-0123456789abc"), "unlock", correlation: new byte[] { 1 });
                expected = "bad-signature";
                break;
            case "expired":
                id = await room.SendAsync(Site, Device, TestBoards.Key, "unlock", correlation: new byte[] { 1 }, ageSeconds: 120);
                expected = "expired";
                break;
            case "wrong-device":
                id = await room.SendAsync(Site, Device, TestBoards.Key, "unlock", correlation: new byte[] { 1 }, tamper: c => c.DeviceId = "side-gate");
                expected = "invalid";
                break;
            default:
                id = await room.SendAsync(Site, Device, TestBoards.Key, "unlock", correlation: new byte[] { 1 });
                await Eventually.HoldsAsync(() => room.ReplyTo(id) is not null, "first unlock answered");
                Assert.Equal("ok", room.ReplyTo(id)!.Value.GetProperty("result").GetString());
                await Eventually.HoldsAsync(() => !board.LockReleased, "relocked after the pulse", 15);
                await room.PublishRawAsync(new Topics(Site, Device).Commands, room.LastPayload);
                expected = "replay";
                break;
        }

        await Eventually.HoldsAsync(() => room.Events(Device).Any(e => e.GetProperty("type").GetString() == "command" && e.GetProperty("name").GetString() == expected),
            $"a '{expected}' security event");
        if (attack != "wrong-device")
            await Eventually.HoldsAsync(() => room.Received.Any(m => m.Topic.Contains("repl", StringComparison.Ordinal)
                && Encoding.ASCII.GetString(m.Payload).Contains("\"result\":\"" + expected + "\"", StringComparison.Ordinal)), "the sender is told why");
        var releases = board.Lock.Snapshot().Count(w => w == board.Config.Lock.ReleaseLevel);
        Assert.Equal(attack == "replayed" ? 1 : 0, releases);
    }

    [Fact]
    public async Task An_unlock_reply_reaches_the_sender_with_its_correlation_data()
    {
        using var board = StartBoard();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        var correlation = Guid.NewGuid().ToByteArray();

        var id = await room.SendAsync(Site, Device, TestBoards.Key, "unlock", correlation: correlation);

        await Eventually.HoldsAsync(() => room.ReplyTo(id) is not null, "reply");
        Assert.Equal("ok", room.ReplyTo(id)!.Value.GetProperty("result").GetString());
        var (topic, echoed) = room.ReplyMessage(id)!.Value;
        Assert.Equal("kiosk/v1/maple-court/main-gate/reply", topic);
        if (DeviceTransport)
            Assert.True(echoed is null || echoed.Length == 0, "M2Mqtt 5.1 cannot echo correlation data: the device's replies are matched by the payload's id");
        else
            Assert.Equal(correlation, echoed);
        Assert.True(board.Lock.Snapshot().Contains(board.Config.Lock.ReleaseLevel));
    }

    [Fact]
    public async Task On_MQTT_3_1_1_the_reply_goes_to_the_topic_named_in_the_payload()
    {
        using var board = StartBoard(protocol: 3);
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port, MqttProtocolVersion.V311);

        var id = await room.SendAsync(Site, Device, TestBoards.Key, "lockdown", "on", payloadReply: "kiosk/v1/maple-court/dutyroom/replies-311");

        await Eventually.HoldsAsync(() => room.ReplyTo(id) is not null, "reply");
        Assert.Equal("kiosk/v1/maple-court/dutyroom/replies-311", room.ReplyMessage(id)!.Value.Topic);
        Assert.Equal("ok", room.ReplyTo(id)!.Value.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_visitor_call_rings_once_the_broker_has_it_and_the_state_snapshot_follows()
    {
        using var board = StartBoard();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected");
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);

        board.Set(InputFunction.CallButton, true);
        await Task.Delay(300);
        board.Set(InputFunction.CallButton, false);

        await Eventually.HoldsAsync(() => room.Events(Device).Any(e => e.GetProperty("type").GetString() == "call" && e.GetProperty("name").GetString() == "ringing"), "ringing");
        await Eventually.HoldsAsync(() => room.Messages("/state").Any(m => m.GetProperty("call").GetString() == "ringing"), "state shows ringing");
        var callId = room.Events(Device).First(e => e.GetProperty("type").GetString() == "call").GetProperty("src").GetString()!;
        var id = await room.SendAsync(Site, Device, TestBoards.Key, "answer", callId, correlation: new byte[] { 7 });
        await Eventually.HoldsAsync(() => room.ReplyTo(id) is not null, "answer reply");
        Assert.Equal("ok", room.ReplyTo(id)!.Value.GetProperty("result").GetString());
    }
}

public sealed class MqttNetBrokerScenarios : BrokerScenarios
{
    protected override IBroker CreateBroker() => new MqttNetBroker();
}

public sealed class MosquittoBrokerScenarios : BrokerScenarios
{
    protected override IBroker CreateBroker() => new MosquittoBroker();
}

public sealed class MqttNetBrokerDeviceTransportScenarios : BrokerScenarios
{
    protected override bool DeviceTransport => true;

    protected override IBroker CreateBroker() => new MqttNetBroker();
}

public sealed class MosquittoDeviceTransportScenarios : BrokerScenarios
{
    protected override bool DeviceTransport => true;

    protected override IBroker CreateBroker() => new MosquittoBroker();
}
