using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.Core.Access;
using Kiosk.DutyRoom.Data.Residents;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Residents;

/// <summary>
/// Keeps every door's allow-list what the residents' book says (docs/access.md, "The duty room").
/// Per door one sender at a time: a change or a report marks the door dirty and the door's loop
/// sends what it lacks, a delta against the version the board confirmed, or the full list when the
/// board reports a version the console did not confirm (a reflash, another sender), part by part,
/// each answered before the next. A change made while a send is under way cancels it and the loop
/// starts again from the book as it is then, so a revocation is never overtaken by an older list.
/// </summary>
public sealed class AccessSync(Stores stores, Commander commander, ConsoleClock clock, LiveSite live, ILogger<AccessSync> log)
{
    /// <summary>
    /// A heartbeat published just before a send was confirmed still reports the older version; a
    /// lower report this soon after a confirmation is taken as that, not as a board gone back.
    /// A board that really lost its list reports 0 (or comes back with a birth after this).
    /// </summary>
    public static readonly TimeSpan ReportLag = TimeSpan.FromSeconds(15);

    private readonly ConcurrentDictionary<string, DoorLoop> _doors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Part, int Parts)> _progress = new(StringComparer.Ordinal);

    /// <summary>The part being sent to a door and how many there are; null when nothing is under way.</summary>
    public (int Part, int Parts)? Progress(string device) => _progress.TryGetValue(device, out var p) ? p : null;

    private sealed class DoorLoop
    {
        public readonly object Gate = new();
        public bool Dirty;
        public bool Running;
        public bool ForceFull;
        public CancellationTokenSource? Current;
        public Task Done = Task.CompletedTask;
    }

    /// <summary>The sender named in each acl command ('from').</summary>
    public const string Sender = "dutyroom:access";

    /// <summary>The residents' book changed: every door with a reader gets what it lacks now, cancelling sends of an older book.</summary>
    public void BookChanged()
    {
        foreach (var state in stores.AccessLists.All().Where(s => s.ReportedVersion is not null))
            Request(state.Device, cancelRunning: true);
    }

    /// <summary>A birth or heartbeat with 'acl': the version the board has in force.</summary>
    public void OnReported(string device, uint version, bool birth, DateTimeOffset now)
    {
        stores.AccessLists.Reported(device, version, now);
        var state = stores.AccessLists.Of(device);
        if (birth || state.Pending || version != state.ConfirmedVersion)
            Request(device, cancelRunning: false);
    }

    /// <summary>Sends to one door what it lacks (a screen's "sync now"); returns when that send has ended.</summary>
    public Task RequestAsync(string device) => Request(device, cancelRunning: false);

    private Task Request(string device, bool cancelRunning)
    {
        if (!stores.Devices.Contains(device))
            return Task.CompletedTask;
        var door = _doors.GetOrAdd(device, _ => new DoorLoop());
        lock (door.Gate)
        {
            door.Dirty = true;
            if (cancelRunning)
                door.Current?.Cancel();
            if (!door.Running)
            {
                door.Running = true;
                door.Done = Task.Run(() => LoopAsync(device, door));
            }
            return door.Done;
        }
    }

    /// <summary>Waits until no door has a send under way or waiting (tests, shutdown).</summary>
    public async Task IdleAsync()
    {
        while (_doors.Values.Any(d => d.Running))
            await Task.WhenAll(_doors.Values.Select(d => d.Done));
    }

    private async Task LoopAsync(string device, DoorLoop door)
    {
        while (true)
        {
            CancellationTokenSource cancel;
            lock (door.Gate)
            {
                if (!door.Dirty)
                {
                    door.Running = false;
                    return;
                }
                door.Dirty = false;
                door.Current = cancel = new CancellationTokenSource();
            }
            try
            {
                await SyncOnceAsync(device, door, cancel.Token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                log.LogError(e, "access list for {Device}: sync failed", device);
                stores.AccessLists.Failed(device, e.Message, clock.Now);
            }
            finally
            {
                _progress.TryRemove(device, out _);
                lock (door.Gate)
                    door.Current = null;
                cancel.Dispose();
                live.Notify();
            }
        }
    }

    private async Task SyncOnceAsync(string device, DoorLoop door, CancellationToken cancel)
    {
        var key = stores.Devices.KeyOf(device);
        if (key is null)
            return;
        byte[] records;
        byte[] schedules;
        try
        {
            records = AccessListBuilder.RecordsFor(device, key, stores.Residents.Live(), stores.AccessRules.DoorGroups());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        schedules = stores.AccessRules.ScheduleTable();
        var state = stores.AccessLists.Of(device);
        var reported = state.ReportedVersion;
        var lagging = reported < state.ConfirmedVersion && reported != 0 && state.ConfirmedAt is { } at && state.ReportedAt - at < ReportLag;
        var full = door.ForceFull || state.ConfirmedVersion == 0 || (reported is { } r && r != state.ConfirmedVersion && !lagging);
        if (!full && records.AsSpan().SequenceEqual(state.ConfirmedRecords) && schedules.AsSpan().SequenceEqual(state.ConfirmedSchedules))
        {
            if (state.Pending)
                stores.AccessLists.InSync(device);
            return;
        }
        var body = full ? records : AccessListBuilder.Delta(state.ConfirmedRecords, records);
        var version = Math.Max(Math.Max(state.ConfirmedVersion, state.SentVersion), reported ?? 0) + 1;
        stores.AccessLists.Sending(device, version);
        var parts = AccessListParts.Count(AccessListBuilder.Count(body));
        for (var part = 1; part <= parts; part++)
        {
            if (cancel.IsCancellationRequested)
                return; // the book changed: the loop goes round again with the new one (the board abandons the unfinished update)
            var partKey = stores.Devices.KeyOf(device);
            if (partKey is null)
                return;
            string argument, data;
            try
            {
                AccessListParts.Part(full, state.ConfirmedVersion, version, schedules, body, part, AccessListBuilder.Hmac, partKey, out argument, out data);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(partKey);
            }
            _progress[device] = (part, parts);
            var outcome = await commander.SendAsync(device, "acl", argument, Sender, data);
            if (!outcome.Ok)
            {
                // A refusal (a delta from another version, a version not newer) is answered with the full list next time;
                // no answer (offline) waits for the board's next birth or heartbeat.
                door.ForceFull = outcome.Result is not ("timeout" or "broker-down" or "broker-refused" or "not-registered");
                var error = string.Create(CultureInfo.InvariantCulture, $"v{version} {(full ? "full" : "delta")} part {part}/{parts}: {outcome.Result}{(outcome.Detail.Length > 0 ? ": " + outcome.Detail : "")}");
                stores.AccessLists.Failed(device, error, clock.Now);
                log.LogWarning("access list for {Device}: {Error}", device, error);
                return;
            }
        }
        door.ForceFull = false;
        stores.AccessLists.Confirmed(device, version, records, schedules, stillPending: false, clock.Now);
        log.LogInformation("access list for {Device}: v{Version} in force ({Kind}, {Parts} parts, {Count} credentials)",
            device, version, full ? "full" : "delta", parts, AccessListBuilder.Count(records));
    }
}
