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

    private readonly string _extraConfig;

    /// <param name="extraConfig">More mosquitto.conf lines (password_file, acl_file, ...); anonymous access stays on unless they turn it off.</param>
    public MosquittoBroker(string extraConfig = "", int port = 0)
    {
        Port = port > 0 ? port : FreePort.Next();
        _extraConfig = extraConfig;
    }

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
        var anonymous = _extraConfig.Contains("allow_anonymous", StringComparison.Ordinal) ? "" : "allow_anonymous true\n";
        await File.WriteAllTextAsync(conf, $"listener {Port} 127.0.0.1\n{anonymous}persistence false\nmax_queued_messages 5000\nset_tcp_nodelay true\n{_extraConfig}");
        _process = Process.Start(new ProcessStartInfo(exe, $"-c {conf}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("mosquitto did not start");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
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
                    throw new InvalidOperationException($"mosquitto exited with code {_process.ExitCode}: {string.Join(" | ", log)}");
                await Task.Delay(50);
            }
        }
        throw new TimeoutException($"mosquitto did not listen on {Port} within 10 s");
    }

    /// <summary>The broker process's resident memory (VmRSS), for the benchmarks; 0 when not running.</summary>
    public long ResidentBytes()
    {
        if (_process is null || _process.HasExited)
            return 0;
        _process.Refresh();
        return _process.WorkingSet64;
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
