using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Microsoft.Extensions.Hosting;

namespace Kiosk.DutyRoom.Live;

/// <summary>
/// Scale-out: when another console on the same PostgreSQL answers, decides or ends a call, or stores
/// or acknowledges an alarm, this console's screens redraw from the database (the call banner stops
/// ringing, the call shows who took it). On SQLite there is only one console and this does nothing.
/// </summary>
public sealed class OtherConsoles(Stores stores, LiveSite live) : BackgroundService
{
    private long _heard;

    /// <summary>Call and alarm changes heard from the database (every console's, this one's included).</summary>
    public long Heard => Interlocked.Read(ref _heard);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new DeskChanges(stores.Db).ListenAsync((_, _) =>
        {
            Interlocked.Increment(ref _heard);
            live.Notify();
        }, stoppingToken);
}
