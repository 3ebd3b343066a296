using System;
using System.Threading.Tasks;
using Kiosk.HostSim.Brokers;

namespace Kiosk.Bench;

/// <summary>Prints the benchmark numbers: dotnet run -c Release --project bench/Kiosk.Bench [commands]</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var commands = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
        Console.WriteLine($"Kiosk benchmarks on {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        CodecBench.Run();
        await UnlockLatencyBench.RunAsync(new MqttNetBroker(), commands);
        if (MosquittoBroker.Executable() is not null)
            await UnlockLatencyBench.RunAsync(new MosquittoBroker(), commands);
        else
            Console.WriteLine("Mosquitto not installed (apt-get install mosquitto): its row is missing.");
        return 0;
    }
}
