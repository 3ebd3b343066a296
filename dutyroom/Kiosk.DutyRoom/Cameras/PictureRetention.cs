using System;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data.Cameras;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// Once an hour, removes the pictures older than the visitor details' retention (30 days by default,
/// PIPL: a face is as personal as a name), as <see cref="RetentionService"/> erases the details. The
/// record keeps that there was a picture and when it was removed.
/// </summary>
public sealed class PictureRetention(PictureStore pictures, ConsoleOptions options, ConsoleClock clock, ILogger<PictureRetention> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var removed = pictures.Prune(clock.Now, options.VisitorRetentionDays);
                if (removed > 0)
                    log.LogInformation("retention: removed {Count} pictures older than {Days} days", removed, options.VisitorRetentionDays);
            }
            catch (Exception e) when (e is System.IO.IOException or System.Data.Common.DbException or UnauthorizedAccessException)
            {
                log.LogError(e, "retention: pictures not pruned this hour");
            }
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
