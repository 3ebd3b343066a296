using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Site;
using Kiosk.Integration.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

namespace Kiosk.Integration.Tests.Cluster;

/// <summary>
/// The site against a 3-node RabbitMQ 3.10 cluster (MQTT 3.1.1): boards spread over the nodes,
/// each with the other two as failover (config mqtt.failover); one node killed under load; and
/// what the cluster does to retained messages. docs/deployment.md reports what these show.
/// </summary>
public sealed class RabbitMqClusterTests(RabbitMqClusterFixture fixture, ITestOutputHelper output) : IClassFixture<RabbitMqClusterFixture>
{
    private const string Site = "cluster-court";
    private RabbitMqCluster Cluster => fixture.Cluster;

    [RabbitMqFact]
    public async Task Boards_on_a_node_that_dies_under_load_move_to_the_others_lose_nothing_and_calls_still_ring()
    {
        var nodes = Cluster.Nodes;
        Assert.All(nodes, n => Assert.True(n.Running, n.Name + " running"));
        await using var room = await DutyRoomClient.ConnectAsync("127.0.0.1", nodes[0].MqttPort, MqttProtocolVersion.V311, "dutyroom-cluster", fixture.Credentials);

        // 12 boards, 4 with each node first in their list; half run the device's own transport code.
        const int boardCount = 12;
        using var runner = new BoardRunner(1);
        var boards = new List<SimulatedBoard>();
        for (var i = 0; i < boardCount; i++)
        {
            var device = $"door-{i:00}";
            var board = new SimulatedBoard(TestBoards.Config(device, Site), Connect(device, first: i % 3), TestBoards.Key, deviceTransport: i % 2 == 1);
            boards.Add(board);
            runner.Add(board);
        }
        runner.Start();
        await Eventually.HoldsAsync(() => boards.All(b => b.Node.LinkState == LinkState.Connected && b.Node.Outbox.Backlog == 0),
            () => "all boards connected, boot records delivered: " + Describe(boards), 60);
        Assert.All(boards.Select((b, i) => (b, i)), x => Assert.Equal($"127.0.0.1:{nodes[x.i % 3].MqttPort}", x.b.Node.Broker));

        // Load: every board's patrol input turned every 150 ms (about 3 events a second each).
        using var stopLoad = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            var on = false;
            while (!stopLoad.IsCancellationRequested)
            {
                on = !on;
                foreach (var b in boards)
                    b.Set(InputFunction.Patrol, on);
                await Task.Delay(150);
            }
            foreach (var b in boards)
                b.Set(InputFunction.Patrol, false);
        });
        await Task.Delay(3000);

        var victim = nodes[1];
        var onVictim = boards.Where((_, i) => i % 3 == 1).ToList();
        var killedAt = Stopwatch.StartNew();
        await victim.KillAsync();
        await Eventually.HoldsAsync(() => onVictim.All(b => b.Node.LinkState == LinkState.Connected && b.Node.Broker != $"127.0.0.1:{victim.MqttPort}"),
            () => "the dead node's boards are on another node: " + Describe(onVictim), 60);
        var movedAfter = killedAt.Elapsed;

        // A visitor at a board that was on the dead node: the call rings in the duty room, and the answer reaches the board.
        var caller = onVictim[0];
        var callDevice = caller.Config.DeviceId;
        caller.Set(InputFunction.CallButton, true);
        await Task.Delay(300);
        caller.Set(InputFunction.CallButton, false);
        await Eventually.HoldsAsync(() => room.Events(callDevice).Any(e => e.GetProperty("type").GetString() == "call" && e.GetProperty("name").GetString() == "ringing"),
            "the call rings", 30);
        var ringAfter = killedAt.Elapsed;
        var callId = room.Events(callDevice).First(e => e.GetProperty("type").GetString() == "call").GetProperty("src").GetString()!;
        var answer = await room.SendAsync(Site, callDevice, TestBoards.Key, "answer", callId, payloadReply: new Topics(Site, callDevice).Replies);
        Assert.Equal("ok", (await room.WaitReplyAsync(answer, TimeSpan.FromSeconds(20)))?.GetProperty("result").GetString());

        await Task.Delay(2000);
        stopLoad.Cancel();
        await load;
        await Eventually.HoldsAsync(() => boards.All(b => b.Node.LinkState == LinkState.Connected && b.Node.Outbox.Backlog == 0 && b.Node.Outbox.InFlight == 0),
            () => "every board drained: " + Describe(boards), 60);
        await Eventually.HoldsAsync(() => boards.All(b => room.Events(b.Config.DeviceId).Count >= b.Controller.Store.LastSequence),
            () => "the duty room has every sequence: " + string.Join(", ", boards.Select(b => $"{b.Config.DeviceId} {room.Events(b.Config.DeviceId).Count}/{b.Controller.Store.LastSequence}")), 30);

        foreach (var b in boards)
        {
            var seen = room.Events(b.Config.DeviceId).Select(e => (e.GetProperty("boot").GetInt64(), e.GetProperty("seq").GetInt64())).ToList();
            Assert.Equal(Enumerable.Range(1, (int)b.Controller.Store.LastSequence).Select(s => ((long)b.Controller.BootId, (long)s)), seen);
            Assert.Equal(0, b.Controller.Store.OverwrittenUndelivered);
        }
        // The moved boards said so themselves: a fresh birth from their second connection, heard live on node 1.
        foreach (var b in onVictim)
            Assert.Contains(room.Messages($"/{b.Config.DeviceId}/status"), m => m.GetProperty("state").GetString() == "online" && m.GetProperty("conn").GetInt32() == 2);
        var wills = room.Messages("/status").Count(m => m.GetProperty("state").GetString() == "offline");
        Assert.Null(runner.Failure);
        Assert.Empty(runner.Monitor.Violations);

        var patrols = boards.Sum(b => room.Events(b.Config.DeviceId).Count(e => e.GetProperty("type").GetString() == "patrol"));
        output.WriteLine($"{boardCount} boards over 3 nodes; {victim.Name} killed: its {onVictim.Count} boards on another node after {movedAfter.TotalSeconds:F1} s, " +
            $"call rang {ringAfter.TotalSeconds:F1} s after the kill; {room.UniqueEvents} events ({patrols} patrol) all delivered, " +
            $"{room.DuplicatesDropped} duplicates dropped by (boot, seq); offline wills seen: {wills}");
    }

    [RabbitMqFact]
    public async Task A_retained_birth_stays_on_the_node_that_took_it_and_reaches_exact_topic_subscribers_only()
    {
        var alive = Cluster.Nodes.Where(n => n.Running).ToList();
        Assert.True(alive.Count >= 2, "two nodes running");
        var (a, b) = (alive[0], alive[1]);
        var topic = new Topics(Site, "retained-probe").Status;
        var birth = new MessageWriter(Site, "retained-probe").Status(true, 7, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        using (var publisher = await ClientAsync(a, "probe-publisher"))
            await publisher.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(birth)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithRetainFlag(true).Build());

        var sameNodeExact = await RetainedAsync(a, topic);
        var otherNodeExact = await RetainedAsync(b, topic);
        var sameNodeWildcard = await RetainedAsync(a, $"kiosk/v1/{Site}/+/status");

        output.WriteLine($"retained birth published on {a.Name}: exact topic on {a.Name} {sameNodeExact.Count}, on {b.Name} {otherNodeExact.Count}; wildcard on {a.Name} {sameNodeWildcard.Count}");
        Assert.Equal(birth, Assert.Single(sameNodeExact));
        // RabbitMQ 3.10: each node keeps its own retained store, and looks it up by exact topic only.
        // docs/deployment.md and docs/protocol.md say what this means for births and wills; if a
        // newer RabbitMQ shares them, these two fail and those pages must change.
        Assert.Empty(otherNodeExact);
        Assert.Empty(sameNodeWildcard);
    }

    [RabbitMqFact]
    public async Task An_MQTT_5_connect_like_the_consoles_is_refused_so_on_RabbitMQ_3_10_everything_speaks_3_1_1()
    {
        var node = Cluster.Nodes.First(n => n.Running);
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", node.MqttPort).WithClientId("console-v5-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MqttProtocolVersion.V500).WithCredentials(RabbitMqCluster.User, Cluster.Password).WithTimeout(TimeSpan.FromSeconds(10)).Build();

        var refused = await Record.ExceptionAsync(() => client.ConnectAsync(options));

        output.WriteLine($"MQTT 5 connect to {node.Name}: {refused?.GetType().Name}: {refused?.Message}");
        Assert.NotNull(refused); // docs/deployment.md: so the console runs with --mqtt-version 3.1.1 on this broker
        Assert.False(client.IsConnected);
    }

    [RabbitMqFact]
    public async Task The_console_on_MQTT_3_1_1_rings_a_call_from_a_board_on_another_node_and_its_answer_reaches_the_board()
    {
        // Whichever nodes are up (another test kills one): the console on one, the board on another.
        var running = Cluster.Nodes.Where(n => n.Running).ToList();
        var (consoleNode, boardNode) = (running[0], running[^1]);
        const string device = "door-console";
        var app = ConsoleOn(consoleNode, "dutyroom-cluster-console", device);
        var stores = app.Services.GetRequiredService<Kiosk.DutyRoom.Stores>();
        var li = stores.Operators.Create("li", "李明", "0123456789", Kiosk.DutyRoom.Data.Roles.Operator, DateTimeOffset.UtcNow);
        await app.StartAsync();
        try
        {
            var live = app.Services.GetRequiredService<Kiosk.DutyRoom.Live.LiveSite>();
            await Eventually.HoldsAsync(() => live.BrokerConnected, $"the console on {consoleNode.Name} over MQTT 3.1.1", 30);

            using var runner = new BoardRunner(1);
            var first = Cluster.Nodes.ToList().IndexOf(boardNode);
            var board = new SimulatedBoard(TestBoards.Config(device, Site), Connect(device, first), TestBoards.Key);
            runner.Add(board);
            runner.Start();
            await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected && board.Node.Outbox.Backlog == 0, () => "the board connected: " + Describe([board]), 60);

            board.Set(InputFunction.CallButton, true);
            await Task.Delay(300);
            board.Set(InputFunction.CallButton, false);
            var desk = app.Services.GetRequiredService<Kiosk.DutyRoom.Desk.CallDesk>();
            await Eventually.HoldsAsync(() => desk.Ringing().Any(c => c.Device == device), "the call rings at the console", 30);

            var call = desk.Ringing().First(c => c.Device == device);
            var answered = await desk.AnswerAsync(li, device, call.CallId);
            Assert.True(answered.Ok, "answer: " + answered.Said.Key);
            await Eventually.HoldsAsync(() => stores.Calls.Get(device, call.CallId)?.AnsweredBy == "li", "the call is answered by li", 30);
            output.WriteLine($"console on {consoleNode.Name} (MQTT 3.1.1), board on {boardNode.Name}: the call rang and the answer reached the board");
            Assert.Null(runner.Failure);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [RabbitMqFact]
    public async Task A_console_started_after_the_board_gets_no_retained_state_so_it_asks_and_shows_the_door_within_a_heartbeat()
    {
        // docs/deployment.md: the board's retained state stays on the node that took it, and a wildcard
        // subscriber is given none; the console asks the board (a signed 'state') when it hears its heartbeat.
        var running = Cluster.Nodes.Where(n => n.Running).ToList();
        Assert.True(running.Count >= 2, "two nodes up");
        var (consoleNode, boardNode) = (running[0], running[^1]);
        const string device = "door-restarted-console";
        var config = TestBoards.Config(device, Site);
        config.HeartbeatSeconds = 5;
        using var runner = new BoardRunner(1);
        var board = new SimulatedBoard(config, Connect(device, Cluster.Nodes.ToList().IndexOf(boardNode)), TestBoards.Key);
        runner.Add(board);
        runner.Start();
        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected && board.Node.Outbox.Backlog == 0, () => "the board connected: " + Describe([board]), 60);

        // The console comes up after the board has published its birth and state (as after a console restart).
        var app = ConsoleOn(consoleNode, "dutyroom-cluster-restarted", device);
        await app.StartAsync();
        try
        {
            var live = app.Services.GetRequiredService<Kiosk.DutyRoom.Live.LiveSite>();
            var asked = app.Services.GetRequiredService<Kiosk.DutyRoom.Live.StateRequests>();
            var started = Stopwatch.StartNew();
            await Eventually.HoldsAsync(() => live.Find(device) is { StateKnown: true, Door: not "?" },
                () => $"the door's state at the console (asked {asked.Asked} times): {live.Find(device)?.Door}", 30);
            Assert.True(asked.Asked >= 1, "the console asked the board for its state");
            output.WriteLine($"console on {consoleNode.Name}, board on {boardNode.Name}: door '{live.Find(device)!.Door}' shown {started.Elapsed.TotalSeconds:F1} s after the console started, after {asked.Asked} state request(s)");
            Assert.Null(runner.Failure);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A duty-room console on <paramref name="node"/> over MQTT 3.1.1, with <paramref name="device"/> registered under the test key.</summary>
    private Microsoft.AspNetCore.Builder.WebApplication ConsoleOn(RabbitMqNode node, string clientId, string device)
    {
        var app = Kiosk.DutyRoom.ConsoleApp.Build(new Kiosk.DutyRoom.ConsoleOptions
        {
            DataFolder = System.IO.Directory.CreateTempSubdirectory("kiosk-cluster-console-").FullName,
            Urls = "http://127.0.0.1:" + FreePort.Next(),
            BrokerPort = node.MqttPort,
            BrokerUsername = RabbitMqCluster.User,
            BrokerPassword = Cluster.Password,
            ClientId = clientId,
            MqttVersion = "3.1.1",
            CommandTimeoutSeconds = 10,
        });
        app.Services.GetRequiredService<Kiosk.DutyRoom.Stores>().Devices.Add(Site, device, "东门岗亭", Convert.ToHexStringLower(TestBoards.Key), "test", DateTimeOffset.UtcNow);
        return app;
    }

    /// <summary>A board's options: the node <paramref name="first"/> as mqtt.host, the other two as mqtt.failover in turn.</summary>
    private TransportConnectOptions Connect(string device, int first)
    {
        var nodes = Cluster.Nodes;
        var order = Enumerable.Range(0, nodes.Count).Select(k => nodes[(first + k) % nodes.Count]).ToArray();
        return new TransportConnectOptions
        {
            Host = "127.0.0.1",
            Port = order[0].MqttPort,
            FailoverHosts = order.Skip(1).Select(_ => "127.0.0.1").ToArray(),
            FailoverPorts = order.Skip(1).Select(n => n.MqttPort).ToArray(),
            UseTls = false,
            ClientId = Topics.ClientId(Site, device),
            Username = RabbitMqCluster.User,
            Password = Cluster.Password,
            KeepAliveSeconds = 5,
            ProtocolVersion = 3, // RabbitMQ 3.10 speaks MQTT 3.1.1 only
            SubscribeQos = 0, // config mqtt.subscribeQos: a QoS 1 subscription queue would be stuck on the dead node
        };
    }

    private async Task<IMqttClient> ClientAsync(RabbitMqNode node, string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", node.MqttPort).WithClientId(clientId + "-" + Guid.NewGuid().ToString("N")[..6])
            .WithProtocolVersion(MqttProtocolVersion.V311).WithCredentials(RabbitMqCluster.User, Cluster.Password).Build());
        return client;
    }

    /// <summary>The retained payloads a fresh subscriber to <paramref name="filter"/> on <paramref name="node"/> gets within 2 s.</summary>
    private async Task<List<byte[]>> RetainedAsync(RabbitMqNode node, string filter)
    {
        var got = new List<byte[]>();
        using var client = await ClientAsync(node, "probe-subscriber");
        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Retain)
                lock (got)
                    got.Add(e.ApplicationMessage.Payload.ToArray());
            return Task.CompletedTask;
        };
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await Task.Delay(2000);
        await client.DisconnectAsync();
        lock (got)
            return got.ToList();
    }

    private static string Describe(IEnumerable<SimulatedBoard> boards) =>
        string.Join(", ", boards.Select(b => $"{b.Config.DeviceId} {b.Node.LinkState} {b.Node.Broker} backlog {b.Node.Outbox.Backlog}"
            + $" link records [{string.Join("; ", b.RecordedSince(0).Where(r => r.Type == Kiosk.Core.Events.EventType.Link).Select(r => r.Name + " " + r.Detail))}]"));
}
