using System;
using System.Diagnostics;
using System.Text;
using System.Threading.Tasks;
using Kiosk.HostSim.Brokers;
using MQTTnet;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// The `watch` line host-sim prints works as printed against its embedded broker: mosquitto_sub
/// sends an empty client id with a clean session, which MQTT allows and the broker must accept.
/// </summary>
public sealed class WatchLineTests
{
    [Fact]
    public async Task The_printed_mosquitto_sub_line_sees_the_sites_traffic()
    {
        Assert.True(System.IO.File.Exists("/usr/bin/mosquitto_sub"), "mosquitto_sub is missing: apt-get install mosquitto-clients (.ci/run does)");
        await using var broker = new MqttNetBroker();
        await broker.StartAsync();
        var line = Kiosk.HostSim.Program.WatchCommand("127.0.0.1", broker.Port, "maple-court");

        // Exactly the printed line, told to stop after one message or 20 s so the test cannot hang.
        using var watcher = Process.Start(new ProcessStartInfo("bash", new[] { "-c", line + " -C 1 -W 20" })
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
        })!;
        var output = watcher.StandardOutput.ReadToEndAsync();
        var errors = watcher.StandardError.ReadToEndAsync();

        using var publisher = new MqttClientFactory().CreateMqttClient();
        await publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("test-publisher").Build());
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!output.IsCompleted && DateTime.UtcNow < deadline)
        {
            // Published until the watcher has subscribed and printed one; it exits after the first.
            await publisher.PublishStringAsync("kiosk/v1/maple-court/main-gate/event", "{\"type\":\"door\",\"src\":\"东门岗亭\"}");
            await Task.WhenAny(output, Task.Delay(200));
        }
        await watcher.WaitForExitAsync();

        Assert.True(watcher.ExitCode == 0, $"'{line}' exited {watcher.ExitCode}: {await errors}");
        Assert.Equal("kiosk/v1/maple-court/main-gate/event {\"type\":\"door\",\"src\":\"东门岗亭\"}", (await output).Trim());
    }

    [Fact]
    public async Task Two_watchers_run_side_by_side_without_taking_each_other_over()
    {
        await using var broker = new MqttNetBroker();
        await broker.StartAsync();
        var line = Kiosk.HostSim.Program.WatchCommand("127.0.0.1", broker.Port, "maple-court");

        using var first = Process.Start(new ProcessStartInfo("bash", new[] { "-c", line + " -W 3" }) { RedirectStandardError = true })!;
        using var second = Process.Start(new ProcessStartInfo("bash", new[] { "-c", line + " -W 3" }) { RedirectStandardError = true })!;
        var firstErrors = first.StandardError.ReadToEndAsync();
        var secondErrors = second.StandardError.ReadToEndAsync();
        await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());

        // -W ends each after 3 s with "Timed out" (exit 27): both stayed connected the whole time.
        Assert.Equal(27, first.ExitCode);
        Assert.Equal(27, second.ExitCode);
        Assert.DoesNotContain("refused", await firstErrors + await secondErrors, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_mqtt5_client_with_an_empty_id_and_a_clean_start_is_given_one()
    {
        await using var broker = new MqttNetBroker();
        await broker.StartAsync();
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("")
            .WithCleanStart(true).WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.StartsWith("auto-", result.AssignedClientIdentifier, StringComparison.Ordinal);
    }
}
