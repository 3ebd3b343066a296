using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Kiosk.HostSim.Brokers;

/// <summary>
/// Mosquitto from Debian's package, started on a free loopback port with a config written for
/// the run. .ci/run installs it; without it, starting fails and says how to install it.
/// </summary>
public sealed class MosquittoBroker : IBroker
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kiosk-mosquitto-" + Guid.NewGuid().ToString("N"));
    private Process? _process;

    public MosquittoBroker() => Port = FreePort.Next();

    public string Name => "Mosquitto";
    public int Port { get; }

    public static string? Executable()
    {
        foreach (var candidate in new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" })
            if (File.Exists(candidate))
                return candidate;
        return null;
    }

    public async Task StartAsync()
    {
        var exe = Executable() ?? throw new InvalidOperationException(
            "mosquitto is not installed: run 'apt-get install -y mosquitto' (.ci/run does this).");
        Directory.CreateDirectory(_folder);
        var conf = Path.Combine(_folder, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"listener {Port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 5000\nset_tcp_nodelay true\n");
        _process = Process.Start(new ProcessStartInfo(exe, $"-c {conf}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}");
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s");
    }

    public async Task StopAsync()
    {
        if (_process is null)
            return;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }
}
