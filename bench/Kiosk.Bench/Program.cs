using System;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.HostSim.Brokers;

namespace Kiosk.Bench;

/// <summary>Prints the benchmark numbers: dotnet run -c Release --project bench/Kiosk.Bench [-- commands | -- latency [N] [--files] | -- alloc | -- site N N ... | -- reports [N] [D] | -- acl | -- camera [N] [M] | -- console [N] [C] [S] | -- archive [N] [B] | -- outage [N] [E] [broker] [db]]</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.WriteLine($"Kiosk benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        if (args.Length > 0 && args[0] == "acl")
        {
            await AccessBench.RunAsync();
            return 0;
        }
        if (args.Length > 0 && args[0] == "alloc")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- alloc: codec and device-link allocations only
            CodecBench.Run();
            LinkMemoryBench.Run();
            return 0;
        }
        if (args.Length > 0 && args[0] == "site")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- site 10 100 1000 [--device-cadence] [--threads N]
            var cadence = args.Contains("--device-cadence");
            var threadsAt = Array.IndexOf(args, "--threads");
            var threads = threadsAt > 0 ? int.Parse(args[threadsAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            foreach (var n in args.Skip(1).Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (threadsAt < 0 || i + 1 != threadsAt + 1))
                         .Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)))
                await SiteScaleBench.RunAsync(n, TimeSpan.FromSeconds(60), cadence, threads);
            return 0;
        }
        if (args.Length > 0 && args[0] == "camera")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- camera [calls through the whole site] [calls with kept pictures]
            await CameraBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 50,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            return 0;
        }
        if (args.Length > 0 && args[0] == "console")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- console [entrances] [operators] [sites]
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            await ConsoleScaleBench.RunAsync(Arg(1, 5000), Arg(2, 20), Arg(3, 50));
            return 0;
        }
        if (args.Length > 0 && args[0] == "archive")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- archive [events] [batch]
            ArchiveBench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1000);
            return 0;
        }
        if (args.Length > 0 && args[0] == "outage")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- outage [boards] [events] [mqttnet|mosquitto] [sqlite|postgres]
            await OutageBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500,
                args.Length > 3 ? args[3] : "mqttnet", args.Length > 4 ? args[4] : "sqlite");
            return 0;
        }
        if (args.Length > 0 && args[0] == "reports")
        {
            // dotnet run -c Release --project bench/Kiosk.Bench -- reports [entrances] [days]
            ReportBench.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 31);
            return 0;
        }
        // dotnet run -c Release --project bench/Kiosk.Bench -- latency [N] [--files]: only the fast paths' latency, with their
        // breakdown; --files keeps the boards' storage in files (FolderStorage) instead of memory, as flash is on the device
        var latencyOnly = args.Length > 0 && args[0] == "latency";
        if (latencyOnly)
            args = args.Skip(1).ToArray();
        var inFiles = args.Contains("--files");
        args = args.Where(a => a != "--files").ToArray();
        var commands = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        if (!latencyOnly)
        {
            CodecBench.Run();
            await AccessBench.RunAsync();
            LinkMemoryBench.Run();
        }
        await UnlockLatencyBench.RunAsync(new MqttNetBroker(), commands, inFiles);
        if (MosquittoBroker.Executable() is not null)
            await UnlockLatencyBench.RunAsync(new MosquittoBroker(), commands, inFiles);
        else
            Console.WriteLine("Mosquitto not installed (apt-get install mosquitto): its row is missing.");
        return 0;
    }
}
