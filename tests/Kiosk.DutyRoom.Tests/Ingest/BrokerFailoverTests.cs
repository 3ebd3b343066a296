using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Mqtt;
using Kiosk.HostSim.Brokers;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Kiosk.DutyRoom.Tests.Support;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Ingest;

/// <summary>
/// The console given a cluster's nodes (--broker A,B): when its broker dies it moves to the next,
/// and a call published there rings. Two Mosquitto processes stand in for two nodes (they share no
/// state, which the console does not need for this: boards publish their birth and events again
/// wherever they land).
/// </summary>
public sealed class BrokerFailoverTests
{
    private const string Site = "maple-court";
    private const string Device = "main-gate";

    [Fact]
    public async Task The_console_moves_to_the_next_broker_when_its_own_dies_and_a_call_there_rings()
    {
        await using var first = new MosquittoBroker();
        await using var second = new MosquittoBroker();
        await first.StartAsync();
        await second.StartAsync();
        var folder = Directory.CreateTempSubdirectory("kiosk-failover-").FullName;
        var app = ConsoleApp.Build(new ConsoleOptions
        {
            DataFolder = folder,
            Urls = "http://127.0.0.1:" + FreePort.Next(),
            BrokerPort = first.Port,
            FailoverBrokers = [("127.0.0.1", second.Port)],
            ClientId = "dutyroom-failover",
            CommandTimeoutSeconds = 1,
        });
        var stores = app.Services.GetRequiredService<Stores>();
        stores.Devices.Add(Site, Device, "东门岗亭", Convert.ToHexString(new byte[32]), "test", DateTimeOffset.UtcNow);
        await app.StartAsync();
        try
        {
            var mqtt = app.Services.GetRequiredService<ConsoleMqtt>();
            var live = app.Services.GetRequiredService<LiveSite>();
            await WaitAsync(() => live.BrokerConnected && mqtt.Broker.Port == first.Port, "the console on its first broker");

            await first.StopAsync();
            await WaitAsync(() => live.BrokerConnected && mqtt.Broker.Port == second.Port, "the console on the second broker");

            using var board = new MqttClientFactory().CreateMqttClient();
            await board.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", second.Port).WithClientId($"kiosk-{Site}.{Device}").Build());
            const string callId = "9-1";
            await board.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"kiosk/v1/{Site}/{Device}/events")
                .WithPayload(Encoding.UTF8.GetBytes($"{{\"v\":1,\"site\":\"{Site}\",\"dev\":\"{Device}\",\"boot\":2,\"seq\":1,\"ts\":\"{ConsoleDb.Iso(DateTimeOffset.UtcNow)}\",\"synced\":true,\"type\":\"call\",\"code\":1,\"name\":\"ringing\",\"src\":\"{callId}\",\"detail\":\"\"}}"))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            var desk = app.Services.GetRequiredService<CallDesk>();
            await WaitAsync(() => desk.Ringing().Any(c => c.CallId == callId), "the call ringing through the second broker");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Task WaitAsync(Func<bool> done, string what) => Eventually.HoldsAsync(done, what, 60);
}
