using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Kiosk.HostSim.Brokers;

/// <summary>
/// A RabbitMQ cluster (Debian's rabbitmq-server 3.10 with its MQTT plugin, MQTT 3.1.1) of
/// <see cref="RabbitMqNode"/>s on loopback, made for one run: a temp folder holds each node's
/// database, logs, config and plugin list; the shared Erlang cookie sits in a private HOME; its own
/// epmd listens on a free port so the cluster never meets another run's (or Debian's service)
/// nodes. Nodes 2.. join node 1 with <c>rabbitmqctl join_cluster</c>; then a vhost and one MQTT
/// user with full rights on it are made. .ci/run installs the package; without it
/// <see cref="Installed"/> is false and <see cref="StartAsync"/> says how to install it.
/// </summary>
public sealed class RabbitMqCluster : IAsyncDisposable
{
    public const string Bin = "/usr/lib/rabbitmq/bin";
    public const string VirtualHost = "kiosk";
    public const string User = "kiosk-site";

    /// <summary>Made per run: not a secret anyone else knows, and never a default account.</summary>
    public string Password { get; } = "pw-" + Guid.NewGuid().ToString("N");

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kiosk-rabbitmq-" + Guid.NewGuid().ToString("N")[..10]);
    private readonly int _epmdPort = FreePort.Next();
    private Process? _epmd;

    public RabbitMqCluster(int nodes = 3)
    {
        var names = Enumerable.Range(1, nodes).Select(i => $"kiosk{i}@localhost").ToArray();
        Nodes = names.Select((name, i) => new RabbitMqNode(this, name, Path.Combine(_folder, "node" + (i + 1)))).ToArray();
    }

    /// <summary>Whether Debian's rabbitmq-server (scripts and MQTT plugin) is on this machine.</summary>
    public static bool Installed =>
        File.Exists(Path.Combine(Bin, "rabbitmq-server")) && Directory.Exists("/usr/lib/rabbitmq/lib")
        && Directory.EnumerateDirectories("/usr/lib/rabbitmq/lib").Any(d => Directory.Exists(Path.Combine(d, "plugins"))
            && Directory.EnumerateFileSystemEntries(Path.Combine(d, "plugins"), "rabbitmq_mqtt-*").Any());

    public IReadOnlyList<RabbitMqNode> Nodes { get; }

    /// <summary>The run's folder: each node's config, database and logs (kept after the run with KIOSK_KEEP_RABBITMQ=1).</summary>
    public string Folder => _folder;

    internal string Home => Path.Combine(_folder, "home");
    internal int EpmdPort => _epmdPort;

    /// <summary>Starts every node, forms the cluster and makes the MQTT vhost and user. About 25 s on a quiet 2-core machine.</summary>
    public async Task StartAsync()
    {
        if (!Installed)
            throw new InvalidOperationException("rabbitmq-server (with its MQTT plugin) is not installed: run 'apt-get install -y rabbitmq-server' (.ci/run does this).");
        Directory.CreateDirectory(Home);
        var cookie = Path.Combine(Home, ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, "KIOSK" + Guid.NewGuid().ToString("N").ToUpperInvariant());
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a cookie others can read
        await File.WriteAllTextAsync(Path.Combine(_folder, "enabled_plugins"), "[rabbitmq_mqtt].\n");
        _epmd = Process.Start(new ProcessStartInfo("epmd", $"-port {_epmdPort} -address 127.0.0.1")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("epmd did not start");
        await Task.WhenAll(Nodes.Select(n => n.StartAsync()));
        foreach (var node in Nodes.Skip(1))
        {
            await CtlAsync(node, "stop_app");
            await CtlAsync(node, "join_cluster", Nodes[0].Name);
            await CtlAsync(node, "start_app");
            await node.WaitListeningAsync(TimeSpan.FromSeconds(60));
        }
        await CtlAsync(Nodes[0], "add_vhost", VirtualHost);
        await CtlAsync(Nodes[0], "add_user", User, Password);
        await CtlAsync(Nodes[0], "set_permissions", "-p", VirtualHost, User, ".*", ".*", ".*");
    }

    /// <summary>The nodes that answer, as node 1 sees them (rabbitmqctl cluster_status).</summary>
    public async Task<string> StatusAsync(RabbitMqNode via) => await CtlAsync(via, "cluster_status");

    /// <summary>Runs rabbitmqctl against <paramref name="node"/>; throws with its output when it fails.</summary>
    public async Task<string> CtlAsync(RabbitMqNode node, params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(Bin, "rabbitmqctl"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-q");
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(node.Name);
        foreach (var a in args)
            start.ArgumentList.Add(a);
        Environment(start);
        using var p = Process.Start(start) ?? throw new InvalidOperationException("rabbitmqctl did not start");
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} on {node.Name} failed ({p.ExitCode}): {await error} {await output}");
        return await output;
    }

    /// <summary>What every rabbitmq script of this cluster needs: the private HOME (cookie) and epmd.</summary>
    internal void Environment(ProcessStartInfo start)
    {
        start.Environment["HOME"] = Home;
        start.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes)
            await node.KillAsync();
        if (_epmd is { HasExited: false })
        {
            _epmd.Kill();
            await _epmd.WaitForExitAsync();
        }
        _epmd?.Dispose();
        if (!string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("KIOSK_KEEP_RABBITMQ")))
            return; // the nodes' logs and databases stay for reading (docs/deployment.md)
        try
        {
            if (Directory.Exists(_folder))
                Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a node's last log write racing the delete: the temp folder is left behind, nothing else
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
