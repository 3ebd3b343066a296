using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Site;
using Kiosk.Integration.Tests.Support;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// Anyone who can publish to a command topic floods it: nothing real may be lost. 40,000 messages
/// in all, so these run with the real-time tests, alone, not beside the rest of the suite.
/// </summary>
[Collection(RealTimeCollection.Name)]
public sealed class CommandFloodScenarios
{
    private const string Site = "maple-court";
    private const string Device = "main-gate";

    [Theory]
    [InlineData("mqttnet", false)]
    [InlineData("mqttnet", true)]
    [InlineData("mosquitto", false)]
    [InlineData("mosquitto", true)]
    public async Task A_flood_of_ten_thousand_malformed_commands_erases_nothing_and_costs_a_handful_of_records(string broker, bool deviceTransport)
    {
        await using IBroker Broker = broker == "mosquitto" ? new MosquittoBroker() : new MqttNetBroker();
        await Broker.StartAsync();
        // The duty room listens before the board starts: it must see every sequence, the boot's first
        // records included, which a board that connects quickly publishes before a later subscriber exists.
        await using var room = await DutyRoomClient.ConnectAsync(Broker.Port);
        using var board = TestBoards.Start(Broker.Port, deviceTransport: deviceTransport);
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected && board.Controller.Settled, "board connected and settled");
        var before = board.Controller.Store.LastSequence;

        var commands = new Topics(Site, Device).Commands;
        var flood = Task.Run(async () =>
        {
            for (var i = 0; i < 10_000; i++)
                await room.PublishRawAsync(commands, Encoding.ASCII.GetBytes("{\"v\":1,\"junk\":" + i + "}"));
        });
        board.Set(InputFunction.DoorContact, true); // the door is forced during the flood
        await flood;
        board.Set(InputFunction.DoorContact, false);

        await Eventually.HoldsAsync(() => room.Events(Device).Any(e => e.GetProperty("type").GetString() == "door" && e.GetProperty("name").GetString() == "FORCED_OPEN"),
            () => "the forced door reaches the duty room; the board recorded: " + string.Join(", ", board.RecordedSince(0).Select(e => e.Type + " " + e.Name)) + $"; messages refused by the queue: {board.Queue.DroppedMessages}");
        await Eventually.HoldsAsync(() => board.Node.Outbox.Backlog == 0, "everything delivered", 60);
        var last = board.Controller.Store.LastSequence;
        await Eventually.HoldsAsync(() => room.Events(Device).Select(e => e.GetProperty("seq").GetInt64()).Distinct().Count() >= last,
            () => $"every sequence 1..{last} arrives; got {room.Events(Device).Count}");
        Assert.Equal(Enumerable.Range(1, (int)last).Select(s => (long)s), room.Events(Device).Select(e => e.GetProperty("seq").GetInt64()).Distinct().OrderBy(s => s));
        Assert.Equal(0, board.Controller.Store.OverwrittenUndelivered);
        var refusals = board.RecordedSince(0).Count(e => e.Type == Kiosk.Core.Events.EventType.Command);
        Assert.InRange(refusals, 1, 5 * 3); // five a minute, one or two minutes of flood
        Assert.True(last - before < 100, $"{last - before} records for a flood of 10,000");
        Assert.Null(board.Runner!.Failure);
    }
}
