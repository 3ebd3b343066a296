using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;
using Kiosk.DutyRoom.Live;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// Every message from kiosk/v1/# goes through here (live ones one by one in <see cref="Handle"/>,
/// backlog events in batches in <see cref="HandleBatch"/>, see <see cref="MessageLane"/>): the archive first (so an event is handled once,
/// however often at-least-once delivery brings it), then the live picture and the desks. Malformed
/// messages are refused with the reason in the log and counted; nothing a device sends stops the console.
/// </summary>
public sealed class MessageRouter(Stores stores, LiveSite live, CallDesk calls, AlarmDesk alarms, Commander commander, ConsoleClock clock, ILogger<MessageRouter> log,
    Residents.AccessSync? access = null, Cameras.PictureKeeper? pictures = null, StateRequests? states = null)
{
    public const int MaxPayloadBytes = EventArchive.MaxPayloadBytes;

    private long _handled;
    private long _refused;
    private long _duplicates;

    public long Handled => Interlocked.Read(ref _handled);
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Events that were already archived (a redelivery, or another console's): kept out, not acted on again.</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    public void Handle(string topic, byte[] payload)
    {
        var parts = topic.Split('/');
        if (parts.Length != 5 || parts[0] != "kiosk" || parts[1] != "v1")
            return;
        var (site, device, leaf) = (parts[2], parts[3], parts[4]);
        var now = clock.Now;
        try
        {
            if (payload.Length > MaxPayloadBytes)
                throw new FormatException($"payload of {payload.Length} bytes");
            if (WrongSite(site, device) is { } wrong)
                throw new FormatException(wrong);
            switch (leaf)
            {
                case "status":
                    OnStatus(site, device, topic, payload, now);
                    break;
                case "events":
                    OnEvent(site, device, topic, payload, now);
                    break;
                case "state":
                    using (var doc = Parse(payload, device))
                        live.Update(site, device, e => { LiveSite.ApplyState(e, doc.RootElement, now); e.LastHeard = now; });
                    break;
                case "heartbeat":
                    using (var doc = Parse(payload, device))
                    {
                        var h = doc.RootElement;
                        var backlog = h.GetProperty("backlog").GetInt64();
                        var rssi = h.GetProperty("rssi").GetInt32();
                        long? free = h.TryGetProperty("freeMem", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt64() : null;
                        bool? synced = h.TryGetProperty("synced", out var s) && s.ValueKind is JsonValueKind.True or JsonValueKind.False ? s.GetBoolean() : null;
                        var boot = h.TryGetProperty("boot", out var b) && b.ValueKind == JsonValueKind.Number ? b.GetInt64() : (long?)null;
                        live.UpdateIfShown(site, device, e =>
                        {
                            // What the overview shows of a heartbeat: backlog, clock, free heap in KB and its trend (issue 16: at
                            // fleet size most heartbeats change none of it, and then no screen redraws).
                            var shownBefore = (e.Backlog > 0 ? e.Backlog : 0, e.ClockSynced, e.FreeMemory / 1024, e.HeapTrendPerHour < -512, e.LastHeard is null || now - e.LastHeard > TimeSpan.FromSeconds(60)); // long silent: may be shown stale
                            // A heartbeat from a board whose birth never came (RabbitMQ gives wildcard subscribers no retained births): online.
                            var cameOnline = false;
                            if (!e.StatusKnown && boot is not null)
                            {
                                e.Online = true; // it is connected now; a will, if one comes, still says otherwise
                                e.Boot = boot.Value;
                                cameOnline = true;
                            }
                            e.LastHeard = now;
                            e.Backlog = backlog;
                            e.Rssi = rssi;
                            e.ClockSynced = synced;
                            if (free >= 0)
                                e.AddHeapReading(now, free.Value);
                            return cameOnline || shownBefore != (e.Backlog > 0 ? e.Backlog : 0, e.ClockSynced, e.FreeMemory / 1024, e.HeapTrendPerHour < -512, false);
                        });
                        if (AccessListVersion(h) is { } acl)
                            access?.OnReported(device, acl, birth: false, now);
                        if (states is not null && live.Find(device) is { } heard)
                            states.OnHeard(heard); // a console restarted on RabbitMQ has no retained state: ask for it
                    }
                    break;
                case "reply":
                    using (var doc = Parse(payload, device))
                    {
                        var r = doc.RootElement;
                        commander.OnReply(r.GetProperty("id").GetString() ?? "", r.GetProperty("result").GetString() ?? "", r.GetProperty("detail").GetString() ?? "");
                    }
                    break;
                default:
                    return; // cmd: the console's own commands come back to it; nothing to do
            }
            Interlocked.Increment(ref _handled);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            Interlocked.Increment(ref _refused);
            log.LogWarning("refused a message on {Topic}: {Reason}", topic, e.Message);
        }
    }

    private void OnStatus(string site, string device, string topic, byte[] payload, DateTimeOffset now)
    {
        var result = stores.Archive.Ingest(topic, payload, now);
        if (result == IngestResult.Rejected)
            throw new FormatException(stores.Archive.LastRejection);
        if (result != IngestResult.Stored)
            return; // a late will from an older connection changes nothing
        var status = stores.Archive.Status(device)!;
        live.Update(site, device, e => { e.Online = status.Online; e.StatusKnown = true; e.Boot = status.Boot; e.Firmware = status.Firmware ?? e.Firmware; e.LastHeard = now; });
        if (status.Online)
        {
            alarms.OnOnline(device, now);
            using var doc = JsonDocument.Parse(payload);
            if (AccessListVersion(doc.RootElement) is { } acl)
                access?.OnReported(device, acl, birth: true, now);
            if (doc.RootElement.TryGetProperty("siteName", out var siteName) && siteName.ValueKind == JsonValueKind.String)
                stores.Sites.Reported(site, siteName.GetString(), now); // the estate's name for the site list (issue 16)
        }
        else
            alarms.OnOffline(site, device, now);
    }

    private void OnEvent(string site, string device, string topic, byte[] payload, DateTimeOffset now)
    {
        var result = stores.Archive.Ingest(topic, payload, now);
        if (result == IngestResult.Rejected)
            throw new FormatException(stores.Archive.LastRejection);
        if (result != IngestResult.Stored)
        {
            Interlocked.Increment(ref _duplicates);
            return; // a duplicate: handled when it first came
        }
        ApplyEvent(site, device, payload, now);
        live.Notify();
    }

    /// <summary>
    /// The archive lane (<see cref="ArchiveLane"/>): archives a batch in one transaction, then does
    /// what each newly stored event means, in arrival order; screens redraw once for the batch.
    /// Duplicates (already archived, by this console or another on the same database) do nothing.
    /// </summary>
    public void HandleBatch(IReadOnlyList<IncomingMessage> arrived)
    {
        // The same site check as Handle: a board of another site with a registered entrance's id is refused, not archived.
        var batch = new List<IncomingMessage>(arrived.Count);
        foreach (var message in arrived)
        {
            var at = message.Topic.Split('/');
            if (at.Length == 5 && WrongSite(at[2], at[3]) is { } wrong)
            {
                Interlocked.Increment(ref _refused);
                log.LogWarning("refused a message on {Topic}: {Reason}", message.Topic, wrong);
                continue;
            }
            batch.Add(message);
        }
        var outcome = stores.Archive.IngestBatch(batch);
        var applied = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var (topic, payload, receivedAt) = batch[i];
            var parts = topic.Split('/');
            switch (outcome.Results[i])
            {
                case IngestResult.Rejected:
                    Interlocked.Increment(ref _refused);
                    log.LogWarning("refused a message on {Topic}: {Reason}", topic, outcome.Rejections[i]);
                    continue;
                case IngestResult.Duplicate:
                    Interlocked.Increment(ref _duplicates);
                    break;
                case IngestResult.Stored when parts.Length == 5 && parts[4] == "events":
                    try
                    {
                        ApplyEvent(parts[2], parts[3], payload, receivedAt);
                        applied++;
                    }
                    catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                    {
                        Interlocked.Increment(ref _refused);
                        log.LogWarning("archived but could not apply a message on {Topic}: {Reason}", topic, e.Message);
                        continue;
                    }
                    break;
            }
            Interlocked.Increment(ref _handled);
        }
        if (applied > 0)
            live.Notify();
    }

    /// <summary>
    /// Why a message from <paramref name="device"/> at <paramref name="site"/> is refused, or null: one console
    /// serves many sites (issue 16) and keys entrances by device id, so a board of another site with a
    /// registered entrance's id must not be taken for it.
    /// </summary>
    private string? WrongSite(string site, string device) =>
        live.Find(device) is { Registered: true } known && known.Site != site
            ? $"'{device}' is registered at site '{known.Site}', not '{site}' (device ids are unique across the sites one console serves)"
            : null;

    /// <summary>What a newly archived event means for the live picture and the desks.</summary>
    private void ApplyEvent(string site, string device, byte[] payload, DateTimeOffset now)
    {
        using var doc = JsonDocument.Parse(payload);
        var e = doc.RootElement;
        var type = e.GetProperty("type").GetString()!;
        var name = e.TryGetProperty("name", out var n) ? n.GetString() : null;
        var src = e.GetProperty("src").GetString()!;
        var detail = e.GetProperty("detail").GetString()!;
        var at = DateTimeOffset.Parse(e.GetProperty("ts").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        live.UpdateQuietly(site, device, v =>
        {
            v.LastHeard = now;
            // Backlog arrives interleaved with live events: an older one does not replace the newest.
            if (v.LastEventAt is null || at >= v.LastEventAt)
            {
                v.LastEvent = new ArchivedEventSummary(type, name, src, detail);
                v.LastEventAt = at;
            }
        });
        switch (type)
        {
            case "call" when name is not null:
                calls.OnCallEvent(site, device, src, name, at);
                break;
            case "door" when name is not null:
                calls.OnDoorEvent(device, name, at);
                break;
            case "alarm-raised" or "alarm-restored" or "alarm-reset" when name is not null:
                alarms.OnDeviceAlarm(site, device, type, name, src, detail, at);
                break;
            case "command" when name == "door-not-opened":
                calls.OnDoorNotOpened(device);
                break;
            // An ack the entrance refused because the door is still open is an ordinary attempt, not a forged command (issue 20).
            case "command" when AlarmDesk.IsSecurityRefusal(name) && !AlarmDesk.IsStillActiveRefusal(name, detail):
                alarms.OnSecurityEvent(site, device, name!, src, detail, at);
                break;
        }
        pictures?.OnEvent(site, device, type, name, src, at); // issue 19: after the desks, and it returns at once
    }

    /// <summary>'acl' in a birth or heartbeat: the allow-list version in force, on a door with a reader; null elsewhere.</summary>
    private static uint? AccessListVersion(JsonElement message) =>
        message.TryGetProperty("acl", out var acl) && acl.ValueKind == JsonValueKind.Number && acl.TryGetUInt32(out var v) ? v : null;

    private static JsonDocument Parse(byte[] payload, string device)
    {
        var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object || root.GetProperty("v").GetInt32() != 1)
        {
            doc.Dispose();
            throw new FormatException("not a version 1 message");
        }
        if (root.GetProperty("dev").GetString() != device)
        {
            doc.Dispose();
            throw new FormatException("device does not match the topic");
        }
        return doc;
    }
}
