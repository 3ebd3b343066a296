using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Kiosk.HostSim.Brokers;

/// <summary>
/// One node of a <see cref="RabbitMqCluster"/>: its own node name, AMQP, distribution and MQTT
/// ports (free loopback ports chosen now), config file, database and log folders. Started from
/// /usr/lib/rabbitmq/bin/rabbitmq-server directly (Debian's /usr/sbin wrapper would switch to the
/// rabbitmq user and its fixed folders). <see cref="KillAsync"/> is a crash: the Erlang VM is killed,
/// its sockets reset, and nothing it held (retained messages, wills, queues) is handed on.
/// </summary>
public sealed class RabbitMqNode
{
    private readonly RabbitMqCluster _cluster;
    private readonly string _folder;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _script;

    internal RabbitMqNode(RabbitMqCluster cluster, string name, string folder)
    {
        _cluster = cluster;
        Name = name;
        _folder = folder;
        MqttPort = FreePort.Next();
        AmqpPort = FreePort.Next();
        DistributionPort = FreePort.Next();
    }

    /// <summary>Erlang node name, e.g. kiosk2@localhost.</summary>
    public string Name { get; }

    public int MqttPort { get; }
    public int AmqpPort { get; }
    public int DistributionPort { get; }

    public bool Running => _script is { HasExited: false };

    private string PidFile => Path.Combine(_folder, "node.pid");

    internal async Task StartAsync()
    {
        Directory.CreateDirectory(_folder);
        var conf = Path.Combine(_folder, "rabbitmq.conf");
        // Loopback only; no anonymous MQTT (the cluster's user logs in to the kiosk vhost); the
        // default guest account may only log in from loopback, which is all there is here.
        await File.WriteAllTextAsync(conf, string.Join('\n',
            $"listeners.tcp.default = 127.0.0.1:{AmqpPort}",
            $"mqtt.listeners.tcp.default = 127.0.0.1:{MqttPort}",
            "mqtt.allow_anonymous = false",
            $"mqtt.vhost = {RabbitMqCluster.VirtualHost}",
            "mqtt.exchange = amq.topic",
            // A QoS 1 subscription lives in a durable queue named for the client id. For a persistent
            // session (the console's) make it a quorum queue: replicated, it survives the loss of one
            // node of three. A clean session's stays a classic queue on the node it was made on, which
            // no other node will declare while that node is down: boards subscribe with QoS 0 here.
            "mqtt.durable_queue_type = quorum",
            "log.console = false",
            "log.file.level = info",
            // A 2-core test machine shared with builds: do not let the free-disk alarm stop publishers.
            "disk_free_limit.absolute = 50MB",
            ""));
        var start = new ProcessStartInfo(Path.Combine(RabbitMqCluster.Bin, "rabbitmq-server"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        _cluster.Environment(start);
        var env = start.Environment;
        env["RABBITMQ_NODENAME"] = Name;
        env["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        env["RABBITMQ_NODE_PORT"] = AmqpPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_DIST_PORT"] = DistributionPort.ToString(CultureInfo.InvariantCulture);
        env["RABBITMQ_CONFIG_FILE"] = conf;
        env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_folder, "advanced.config"); // absent: none
        env["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        env["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        env["RABBITMQ_PID_FILE"] = PidFile;
        env["RABBITMQ_GENERATED_CONFIG_DIR"] = Path.Combine(_folder, "config");
        env["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(_folder, "plugins-expand");
        env["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(_folder, "feature_flags");
        env["RABBITMQ_SCHEMA_DIR"] = Path.Combine(_folder, "schema");
        // Node-to-node traffic on loopback too.
        env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        _script = Process.Start(start) ?? throw new InvalidOperationException($"rabbitmq-server for {Name} did not start");
        _script.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _script.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _script.BeginOutputReadLine();
        _script.BeginErrorReadLine();
        await WaitListeningAsync(TimeSpan.FromSeconds(90));
    }

    /// <summary>Waits until the node's MQTT listener accepts connections (the plugin is up).</summary>
    internal async Task WaitListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", MqttPort);
                return;
            }
            catch (SocketException)
            {
                if (_script is { HasExited: true })
                    throw new InvalidOperationException($"{Name} exited with code {_script.ExitCode}: {string.Join(" | ", _output)} (logs: {_folder}/log)");
                await Task.Delay(100);
            }
        }
        throw new TimeoutException($"{Name} did not listen for MQTT on {MqttPort} within {timeout.TotalSeconds} s: {string.Join(" | ", _output)}");
    }

    /// <summary>Kills the node's Erlang VM (SIGKILL: a crash or a pulled plug, not a clean shutdown).</summary>
    public async Task KillAsync()
    {
        if (_script is null)
            return;
        if (File.Exists(PidFile) && int.TryParse((await File.ReadAllTextAsync(PidFile)).Trim(), out var pid))
        {
            try
            {
                using var vm = Process.GetProcessById(pid);
                vm.Kill();
                await vm.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // already gone
            }
            catch (InvalidOperationException)
            {
            }
        }
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
            await _script.WaitForExitAsync();
        }
        _script.Dispose();
        _script = null;
    }
}
