using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom;

/// <summary>Once an hour, deletes events older than the retention (at least 180 days).</summary>
public sealed class RetentionService(Stores stores, ConsoleOptions options, ConsoleClock clock, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var removed = stores.Archive.Prune(clock.Now, options.RetentionDays);
            if (removed > 0)
                log.LogInformation("retention: removed {Count} events older than {Days} days", removed, options.RetentionDays);
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
