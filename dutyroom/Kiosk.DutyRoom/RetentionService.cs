using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom;

/// <summary>
/// Once an hour, deletes events older than the retention (at least 180 days, GB 50396) and erases
/// visitor details from calls older than the visitor retention (30 days by default, PIPL).
/// </summary>
public sealed class RetentionService(Stores stores, ConsoleOptions options, ConsoleClock clock, ILogger<RetentionService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var removed = stores.Archive.Prune(clock.Now, options.RetentionDays);
            if (removed > 0)
                log.LogInformation("retention: removed {Count} events older than {Days} days", removed, options.RetentionDays);
            var erased = stores.Calls.EraseVisitorDetails(clock.Now, options.VisitorRetentionDays);
            if (erased > 0)
                log.LogInformation("retention: erased the visitor details of {Count} calls older than {Days} days", erased, options.VisitorRetentionDays);
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
