using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Kiosk.Core.Config;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.Core.Protocol;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.HostSim.Site;
using Kiosk.Integration.Tests.Support;
using Kiosk.Provisioning;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// The provisioning path end to end: configs and secrets made by the tool's library, validated,
/// the ACL and hashed passwords given to a real Mosquitto, a simulated board connecting with its own
/// credentials, and a device's credentials unable to speak for another device or send commands.
/// </summary>
public sealed class ProvisioningTests : IAsyncLifetime
{
    private const string Site = "maple-court";
    // Not CreateTempSubdirectory: its 0700 folder is unreadable to the mosquitto user the broker drops to.
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "kiosk-provision-" + Guid.NewGuid().ToString("N"))).FullName;
    private MosquittoBroker _broker = null!;
    private const string ConsolePassword = "console-password-for-the-test";

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var profiles = BoardProfile.LoadAll(BoardProfile.Folder);
        foreach (var (device, board) in new[] { ("north-gate", "esp32-devkitc"), ("south-gate", "esp32-s3-devkitc") })
        {
            var request = new DeviceRequest(Site, device, board, LockType.Strike, true, "127.0.0.1", port, Tls: false, WifiSsid: "东门岗亭-IoT");
            var dir = Path.Combine(_folder, "devices", device);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "config.json"), DeviceConfigBuilder.Build(request, profiles[board]));
            File.WriteAllText(Path.Combine(dir, "secrets.json"), SecretsGenerator.Generate(Site, device, null, "correct horse battery"));
            Assert.Empty(ConfigCheck.Check(Path.Combine(dir, "config.json"), BoardProfile.Folder, out _));
        }
        var accounts = Directory.GetDirectories(Path.Combine(_folder, "devices")).Select(Account).ToList();
        File.WriteAllText(Path.Combine(_folder, "mosquitto.acl"), MosquittoAcl.Acl(accounts, "dutyroom"));
        var passwords = Path.Combine(_folder, "passwords.txt");
        File.WriteAllText(passwords, MosquittoAcl.PasswordLines(accounts.Append(new BrokerAccount("", "", "dutyroom", ConsolePassword))));
        using (var hash = Process.Start(new ProcessStartInfo("mosquitto_passwd", $"-U {passwords}") { UseShellExecute = false })!)
        {
            await hash.WaitForExitAsync();
            Assert.Equal(0, hash.ExitCode);
        }
        Assert.DoesNotContain(ConsolePassword, File.ReadAllText(passwords), StringComparison.Ordinal);
        // The settings exactly as 'kiosk-provision acl' writes them, pointing at this test's folder.
        _broker = new MosquittoBroker(MosquittoAcl.BrokerConfig(_folder).Replace("set_tcp_nodelay true\n", "", StringComparison.Ordinal), port);
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private BrokerAccount Account(string dir)
    {
        var config = ConfigReader.Read(File.ReadAllText(Path.Combine(dir, "config.json")), new ConfigErrors())!;
        var secrets = SecretsReader.Read(File.ReadAllText(Path.Combine(dir, "secrets.json")), config.DeviceId, new ConfigErrors())!;
        return new BrokerAccount(config.Site, config.DeviceId, secrets.MqttUsername, secrets.MqttPassword);
    }

    private (ControllerConfig Config, DeviceSecrets Secrets) Device(string device)
    {
        var dir = Path.Combine(_folder, "devices", device);
        var config = ConfigReader.Read(File.ReadAllText(Path.Combine(dir, "config.json")), new ConfigErrors())!;
        return (config, SecretsReader.Read(File.ReadAllText(Path.Combine(dir, "secrets.json")), device, new ConfigErrors())!);
    }

    private Task<DutyRoomClient> ConsoleAsync() =>
        DutyRoomClient.ConnectAsync("127.0.0.1", _broker.Port, MqttProtocolVersion.V500, "dutyroom-test",
            new TransportConnectOptions { Username = "dutyroom", Password = ConsolePassword, UseTls = false });

    private async Task<IMqttClient> RawClientAsync(string username, string password, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _broker.Port)
            .WithClientId(clientId ?? "raw-" + Guid.NewGuid().ToString("N")[..6]).WithProtocolVersion(MqttProtocolVersion.V500);
        if (username.Length > 0)
            builder.WithCredentials(username, password);
        var result = await client.ConnectAsync(builder.Build());
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new UnauthorizedAccessException($"broker refused: {result.ResultCode}");
        return client;
    }

    [Fact]
    public async Task A_provisioned_board_connects_with_its_own_credentials_and_reports_to_the_console()
    {
        await using var console = await ConsoleAsync();
        var (config, secrets) = Device("north-gate");
        var connect = new TransportConnectOptions
        {
            Host = config.Mqtt.Host, Port = config.Mqtt.Port, UseTls = config.Mqtt.Tls, ProtocolVersion = config.Mqtt.Protocol,
            ClientId = "kiosk-north-gate", Username = secrets.MqttUsername, Password = secrets.MqttPassword, KeepAliveSeconds = 10,
        };
        using var board = new SimulatedBoard(config, connect, secrets.CommandKey).Start();

        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "board connected with its credentials");
        await Eventually.HoldsAsync(() => console.Messages("/north-gate/status").Any(m => m.GetProperty("state").GetString() == "online"), "console sees the birth");
        var id = await console.SendAsync(Site, "north-gate", secrets.CommandKey, "unlock", correlation: new byte[] { 9 });
        await Eventually.HoldsAsync(() => console.ReplyTo(id) is not null, "reply on the device's own reply topic");
        Assert.True(board.LockReleased || board.Lock.Snapshot().Contains(config.Lock.ReleaseLevel));
    }

    [Fact]
    public async Task A_device_cannot_publish_as_another_device_nor_send_commands()
    {
        await using var console = await ConsoleAsync();
        var (_, north) = Device("north-gate");
        using var impostor = await RawClientAsync(north.MqttUsername, north.MqttPassword);
        var south = new Topics(Site, "south-gate");
        var own = new Topics(Site, "north-gate");

        await impostor.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(south.Events).WithPayload("{\"forged\":true}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await impostor.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(south.Commands).WithPayload("{\"forged\":true}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await impostor.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(own.Heartbeat).WithPayload("{\"v\":1}")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await Eventually.HoldsAsync(() => console.Received.Any(m => m.Topic == own.Heartbeat), "its own topic still works (control)");
        await Task.Delay(500);
        Assert.DoesNotContain(console.Received, m => m.Topic == south.Events || m.Topic == south.Commands);
    }

    [Fact]
    public async Task Anonymous_and_wrong_password_clients_are_refused()
    {
        var (_, north) = Device("north-gate");

        await Assert.ThrowsAnyAsync<Exception>(() => RawClientAsync("", ""));
        await Assert.ThrowsAnyAsync<Exception>(() => RawClientAsync(north.MqttUsername, north.MqttPassword + "x"));
        using var rightful = await RawClientAsync(north.MqttUsername, north.MqttPassword);
        Assert.True(rightful.IsConnected);
    }

    [Fact]
    public async Task A_device_user_claiming_the_consoles_client_id_does_not_knock_the_console_off()
    {
        var (_, north) = Device("north-gate");
        using var console = await RawClientAsync("dutyroom", ConsolePassword, clientId: "dutyroom");
        var disconnected = false;
        console.DisconnectedAsync += _ => { disconnected = true; return Task.CompletedTask; };

        using var thief = await RawClientAsync(north.MqttUsername, north.MqttPassword, clientId: "dutyroom");
        await Task.Delay(1000);
        await console.PingAsync();

        Assert.False(disconnected);
        Assert.True(console.IsConnected && thief.IsConnected);
    }
}
