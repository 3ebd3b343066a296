using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.DutyRoom.Tests.Support;
using Kiosk.HostSim.Brokers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit;

namespace Kiosk.DutyRoom.Tests.ScaleOut;

/// <summary>
/// Two duty-room consoles on one broker and one PostgreSQL database (scale-out): a burst of events,
/// every one delivered twice, is archived once and acted on once; a call rings on both; answered on
/// one, the other hears it from the database, stops ringing, and cannot answer it.
/// </summary>
public sealed class TwoConsolesTests
{
    private const string Site = "maple-court";
    private const string Device = "main-gate";
    private const int Burst = 1500;
    private const int Alarms = 30;

    [PostgresFact]
    public Task On_mqttnets_broker_every_console_takes_every_event_and_the_database_keeps_each_once() =>
        RunAsync(new MqttNetBroker(), expectShared: false);

    [PostgresFact]
    public Task On_mosquitto_the_consoles_share_the_events_through_a_shared_subscription() =>
        RunAsync(new MosquittoBroker(), expectShared: true);

    private static async Task RunAsync(IBroker broker, bool expectShared)
    {
        await using var _ = broker;
        await broker.StartAsync();
        var connection = PostgresSchema();
        var folder = Directory.CreateTempSubdirectory("kiosk-scaleout-").FullName;
        var a = await StartConsoleAsync("a", folder, broker.Port, connection);
        var b = await StartConsoleAsync("b", folder, broker.Port, connection);
        try
        {
            var stores = a.Services.GetRequiredService<Stores>();
            stores.Devices.Add(Site, Device, "东门岗亭", Convert.ToHexString(new byte[32]), "test", DateTimeOffset.UtcNow);
            var li = stores.Operators.Create("li", "李明", "0123456789", Roles.Operator, DateTimeOffset.UtcNow);
            var wang = stores.Operators.Create("wang", "王芳", "0123456789", Roles.Operator, DateTimeOffset.UtcNow);
            await WaitAsync(() => a.Services.GetRequiredService<LiveSite>().BrokerConnected && b.Services.GetRequiredService<LiveSite>().BrokerConnected, "both consoles on the broker");
            Assert.Equal(expectShared, a.Services.GetRequiredService<ConsoleMqtt>().SharedEvents);
            Assert.Equal(expectShared, b.Services.GetRequiredService<ConsoleMqtt>().SharedEvents);

            // A board back from an outage: an hour-old backlog, every event sent twice (a redelivery).
            using var board = await BoardAsync(broker.Port);
            var old = DateTimeOffset.UtcNow.AddHours(-1);
            for (var seq = 1; seq <= Burst; seq++)
            {
                var payload = seq <= Alarms
                    ? Event(seq, old.AddSeconds(seq), "alarm-raised", "forced-open", "door-" + seq)
                    : Event(seq, old.AddSeconds(seq), "patrol", null, "north");
                await PublishAsync(board, "events", payload);
                await PublishAsync(board, "events", payload);
            }
            await WaitAsync(() => stores.Db.Scalar("SELECT COUNT(*) FROM events") == Burst
                && LaneOf(a).Queued == 0 && LaneOf(b).Queued == 0 && LaneOf(a).Archived + LaneOf(b).Archived >= 2 * Burst * (expectShared ? 1 : 2),
                "the burst archived");
            Assert.Equal(Burst, stores.Db.Scalar("SELECT COUNT(*) FROM events"));
            Assert.Equal(Alarms, stores.Db.Scalar("SELECT COUNT(*) FROM alarms WHERE origin = 'device'"));
            if (expectShared)
            {
                Assert.Equal(2 * Burst, LaneOf(a).Archived + LaneOf(b).Archived);
                Assert.True(LaneOf(a).Archived > 0 && LaneOf(b).Archived > 0, $"each console its share: {LaneOf(a).Archived} and {LaneOf(b).Archived}");
            }
            else
            {
                Assert.Equal(2 * Burst, LaneOf(a).Archived);
                Assert.Equal(2 * Burst, LaneOf(b).Archived);
            }

            // A visitor presses the button now: the call rings on both consoles.
            const string callId = "7-1";
            await PublishAsync(board, "events", Event(Burst + 1, DateTimeOffset.UtcNow, "call", "calling", callId));
            await PublishAsync(board, "events", Event(Burst + 2, DateTimeOffset.UtcNow, "call", "ringing", callId));
            var deskA = a.Services.GetRequiredService<CallDesk>();
            var deskB = b.Services.GetRequiredService<CallDesk>();
            await WaitAsync(() => deskA.Ringing().Any(c => c.CallId == callId) && deskB.Ringing().Any(c => c.CallId == callId), "the call ringing on both");

            // Li answers on console A; console B hears it from the database and stops ringing.
            var heardBefore = b.Services.GetRequiredService<OtherConsoles>().Heard;
            var answered = await deskA.AnswerAsync(li, Device, callId);
            Assert.True(answered.Ok, answered.Message);
            await WaitAsync(() => b.Services.GetRequiredService<OtherConsoles>().Heard > heardBefore, "console B told of the answer");
            Assert.DoesNotContain(deskB.Ringing(), c => c.CallId == callId);
            Assert.Equal("li", b.Services.GetRequiredService<Stores>().Calls.Get(Device, callId)!.AnsweredBy);

            // Wang, on console B, cannot take it: the database says who has it.
            var refused = await deskB.AnswerAsync(wang, Device, callId);
            Assert.False(refused.Ok);
            Assert.Equal("Desk.TakenBy", refused.Said.Key);
            Assert.Equal("li", stores.Calls.Get(Device, callId)!.AnsweredBy);
        }
        finally
        {
            await a.StopAsync();
            await b.StopAsync();
            await a.DisposeAsync();
            await b.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ArchiveLane LaneOf(WebApplication app) => app.Services.GetRequiredService<ArchiveLane>();

    private static async Task<WebApplication> StartConsoleAsync(string name, string folder, int brokerPort, string connection)
    {
        var app = ConsoleApp.Build(new ConsoleOptions
        {
            DataFolder = Path.Combine(folder, name),
            Database = "postgres:" + connection,
            Urls = "http://127.0.0.1:" + FreePort.Next(),
            BrokerPort = brokerPort,
            ClientId = "dutyroom-" + name,
            ShareGroup = "dutyroom",
            CommandTimeoutSeconds = 1,
        });
        await app.StartAsync();
        return app;
    }

    private static string PostgresSchema()
    {
        var connection = Environment.GetEnvironmentVariable(TestStores.PostgresVariable)!;
        var schema = "scale" + Guid.NewGuid().ToString("N")[..10];
        using var admin = new Npgsql.NpgsqlConnection(connection);
        admin.Open();
        using var create = admin.CreateCommand();
        create.CommandText = $"CREATE SCHEMA {schema}";
        create.ExecuteNonQuery();
        return connection + ";Search Path=" + schema;
    }

    private static async Task<IMqttClient> BoardAsync(int port)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"kiosk-{Site}.{Device}").Build());
        return client;
    }

    private static Task PublishAsync(IMqttClient board, string leaf, string payload) =>
        board.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"kiosk/v1/{Site}/{Device}/{leaf}")
            .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private static string Event(long seq, DateTimeOffset at, string type, string? name, string src)
    {
        var named = name is null ? "" : $"\"name\":\"{name}\",";
        return $"{{\"v\":1,\"site\":\"{Site}\",\"dev\":\"{Device}\",\"boot\":5,\"seq\":{seq},\"ts\":\"{ConsoleDb.Iso(at)}\",\"synced\":true,\"type\":\"{type}\",\"code\":1,{named}\"src\":\"{src}\",\"detail\":\"\"}}";
    }

    private static Task WaitAsync(Func<bool> done, string what) => Eventually.HoldsAsync(done, what, 60);
}
