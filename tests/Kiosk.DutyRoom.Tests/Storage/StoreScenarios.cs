using System;
using System.Linq;
using System.Text;
using Kiosk.DutyRoom.Data;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Storage;

/// <summary>What every database the console supports must do; run on SQLite always and on PostgreSQL when there is one.</summary>
public static class StoreScenarios
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 22, 0, 0, TimeSpan.Zero);

    public static void Passwords_are_hashed_and_checked(Stores s)
    {
        s.Operators.Create("li.wei", "Li Wei", "correct horse battery", Roles.Operator, Now); // an operator: the last administrator cannot be disabled

        Assert.NotNull(s.Operators.Verify("li.wei", "correct horse battery"));
        Assert.Null(s.Operators.Verify("li.wei", "correct horse batterY"));
        Assert.Null(s.Operators.Verify("nobody", "correct horse battery"));
        var stored = s.Db.Query("SELECT password_hash FROM operators", r => r.GetString(0)).Single();
        Assert.DoesNotContain("horse", stored, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", stored, StringComparison.Ordinal); // Identity v3: PBKDF2 with a salt
        var e = Assert.ThrowsAny<ArgumentException>(() => s.Operators.Create("LI WEI", "", "short", "boss", Now));
        Assert.Contains("username", e.Message, StringComparison.Ordinal);
        Assert.Contains("password: at least 10", e.Message, StringComparison.Ordinal);
        Assert.Contains("role: 'boss'", e.Message, StringComparison.Ordinal);
        Assert.ThrowsAny<ArgumentException>(() => s.Operators.Create("li.wei", "Again", "another long one", Roles.Operator, Now));
        s.Operators.SetDisabled("li.wei", true);
        Assert.Null(s.Operators.Verify("li.wei", "correct horse battery"));
    }

    public static void Shifts_show_who_is_on_duty(Stores s)
    {
        s.Operators.Create("li", "Li", "0123456789", Roles.Operator, Now);
        s.Operators.Create("wang", "Wang", "0123456789", Roles.Operator, Now);

        s.Operators.StartShift("li", Now);
        s.Operators.StartShift("wang", Now.AddHours(8));
        s.Operators.StartShift("li", Now.AddHours(9)); // already on duty: the start stays
        s.Operators.EndShift("li");

        var onDuty = s.Operators.OnDuty();
        Assert.Equal(["wang"], onDuty.Select(o => o.Username));
        Assert.Equal(Now.AddHours(8), onDuty[0].OnDutySince);
    }

    public static void A_call_keeps_its_whole_story_and_one_operator_takes_it(Stores s)
    {
        s.Calls.Progress("maple-court", "main-gate", "7-1", "calling", Now);
        s.Calls.Progress("maple-court", "main-gate", "7-1", "ringing", Now.AddMilliseconds(40));
        Assert.Single(s.Calls.Live());

        Assert.True(s.Calls.Claim("main-gate", "7-1", "li", Now.AddSeconds(3)));
        Assert.False(s.Calls.Claim("main-gate", "7-1", "wang", Now.AddSeconds(3)));
        s.Calls.Progress("maple-court", "main-gate", "7-1", "connected", Now.AddSeconds(3));
        s.Calls.Register("main-gate", "7-1", VisitorRules.Check(new VisitorInput("张三", "138 0013 8000", "苏e12345", "3", "2", "1502", "送快递", null)));
        s.Calls.Decide("main-gate", "7-1", "opened", "li", Now.AddSeconds(20), "ok");
        s.Calls.DoorOpened("main-gate", "7-1", Now.AddSeconds(22));
        s.Calls.DoorClosed("main-gate", "7-1", Now.AddSeconds(26));
        s.Calls.Progress("maple-court", "main-gate", "7-1", "ended", Now.AddSeconds(27));
        s.Calls.Progress("maple-court", "main-gate", "7-1", "ringing", Now.AddSeconds(1)); // a late duplicate does not revive it

        var call = s.Calls.Get("main-gate", "7-1")!;
        Assert.Equal("ended", call.State);
        Assert.Equal("li", call.AnsweredBy);
        Assert.Equal(Now.AddMilliseconds(40), call.RangAt);
        Assert.Equal(new Visitor("张三", "13800138000", "苏E·12345", "3", "2", "1502", "送快递"), call.Visitor);
        Assert.Equal(("opened", "ok"), (call.Decision, call.UnlockResult));
        Assert.Equal(Now.AddSeconds(22), call.DoorOpenedAt);
        Assert.Equal(Now.AddSeconds(26), call.DoorClosedAt);
        Assert.Equal(Now.AddSeconds(27), call.EndedAt);
        Assert.Empty(s.Calls.Live());
    }

    public static void Missed_calls_stay_listed_until_dealt_with(Stores s)
    {
        s.Calls.Progress("maple-court", "side-gate", "3-9", "calling", Now);
        s.Calls.Progress("maple-court", "side-gate", "3-9", "missed", Now.AddSeconds(45));
        s.Calls.Progress("maple-court", "side-gate", "3-10", "failed-offline", Now.AddMinutes(5));

        Assert.Equal(2, s.Calls.MissedNotDealt().Count);
        Assert.True(s.Calls.Dealt("side-gate", "3-9", "wang", Now.AddMinutes(10)));
        Assert.False(s.Calls.Dealt("side-gate", "3-9", "li", Now.AddMinutes(11)));
        Assert.Equal(["3-10"], s.Calls.MissedNotDealt().Select(c => c.CallId));
    }

    public static void One_open_alarm_per_thing_until_cleared(Stores s)
    {
        var (id, isNew) = s.Alarms.Raise("maple-court", "building-1", "forced-open", "door", AlarmRecord.FromDevice, "", Now);
        var again = s.Alarms.Raise("maple-court", "building-1", "forced-open", "door", AlarmRecord.FromDevice, "", Now.AddSeconds(1));
        Assert.True(isNew);
        Assert.Equal((id, false), again);

        s.Alarms.Restored("building-1", "forced-open", "door", Now.AddSeconds(10));
        s.Alarms.Acknowledge(id, "li", "door checked, wind", "ok", Now.AddSeconds(20));
        Assert.Single(s.Alarms.Open()); // acknowledged, but only the device's reset clears it
        Assert.Equal(1, s.Alarms.ClearFromDevice("building-1", "forced-open", Now.AddSeconds(21)));

        Assert.Empty(s.Alarms.Open());
        var alarm = s.Alarms.Get(id)!;
        Assert.Equal(("li", "door checked, wind", Now.AddSeconds(10)), (alarm.AckedBy, alarm.AckNote, alarm.RestoredAt!.Value));
        Assert.True(s.Alarms.Raise("maple-court", "building-1", "forced-open", "door", AlarmRecord.FromDevice, "", Now.AddMinutes(1)).New);
    }

    public static void Device_keys_are_encrypted_at_rest(Stores s)
    {
        var key = string.Concat(Enumerable.Repeat("a1b2c3d4", 8));
        s.Devices.Add("maple-court", "main-gate", "Main gate", key, "admin", Now);

        var stored = s.Db.Query("SELECT key_protected FROM devices", r => r.GetString(0)).Single();
        Assert.DoesNotContain(key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(Convert.FromHexString(key)), stored, StringComparison.Ordinal);
        Assert.Equal(Convert.FromHexString(key), s.Devices.KeyOf("main-gate"));
        Assert.Equal("maple-court", s.Devices.SiteOf("main-gate"));
        Assert.Null(s.Devices.KeyOf("side-gate"));
        var e = Assert.ThrowsAny<ArgumentException>(() => s.Devices.Add("Maple Court", "main gate", "", "abc", "admin", Now));
        Assert.Equal(3, e.Message.Split(';').Length);
    }

    public static void Events_are_archived_once_and_searchable(Stores s)
    {
        static byte[] Event(long seq, string type, string detail) => Encoding.ASCII.GetBytes(
            $"{{\"v\":1,\"site\":\"maple-court\",\"dev\":\"main-gate\",\"boot\":3,\"seq\":{seq},\"ts\":\"2026-11-24T21:0{seq}:00.000Z\",\"synced\":true,\"type\":\"{type}\",\"code\":5,\"name\":\"FORCED_OPEN\",\"src\":\"forced\",\"detail\":\"{detail}\"}}");
        const string topic = "kiosk/v1/maple-court/main-gate/events";

        Assert.Equal(IngestResult.Stored, s.Archive.Ingest(topic, Event(1, "door", "Forced at night"), Now));
        Assert.Equal(IngestResult.Duplicate, s.Archive.Ingest(topic, Event(1, "door", "Forced at night"), Now));
        Assert.Equal(IngestResult.Stored, s.Archive.Ingest(topic, Event(2, "patrol", "north"), Now));

        Assert.Equal(2, s.Archive.Query().Count);
        Assert.Equal([1L], s.Archive.Query(type: "door").Select(e => e.Seq));
        Assert.Equal([1L], s.Archive.Query(text: "FORCED AT").Select(e => e.Seq));
        Assert.Equal([2L], s.Archive.Query(from: new DateTimeOffset(2026, 11, 24, 21, 1, 30, TimeSpan.Zero)).Select(e => e.Seq));
    }

    public static void The_audit_log_keeps_who_what_when_and_result(Stores s)
    {
        s.Audit.Record("li", "call.open", "main-gate/7-1", "door unlocked", "ok", Now);
        s.Audit.Record("wang", "signin", "console", "wrong username or password", "refused", Now.AddMinutes(1));

        var entries = s.Audit.Recent();
        Assert.Equal(["wang", "li"], entries.Select(e => e.Actor));
        Assert.Equal(("call.open", "ok", Now), (entries[1].Action, entries[1].Result, entries[1].At));
        Assert.Equal(["li"], s.Audit.Recent(actor: "li").Select(e => e.Actor));
    }

    // GB 11643-1999's own example number (11010519491231002X) and one with a digit check character.
    private const string IdNumber = "11010519491231002X";

    public static void A_visitor_s_id_number_is_stored_masked_and_never_whole(Stores s)
    {
        s.Calls.Progress("maple-court", "main-gate", "8-1", "calling", Now);
        var visitor = VisitorRules.Check(new VisitorInput("李明", "13912345678", "苏EF12345", "3", "2", "1502", "探亲", "110105 19491231 002x"));
        Assert.Equal("110105********002X", visitor.IdMasked);

        s.Calls.Register("main-gate", "8-1", visitor);

        Assert.Equal("110105********002X", s.Calls.Get("main-gate", "8-1")!.Visitor.IdMasked);
        foreach (var row in s.Db.Query("SELECT * FROM calls", r => Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToList()))
            Assert.DoesNotContain(row, cell => cell.Contains("19491231", StringComparison.Ordinal));
        var e = Assert.Throws<InputRefusedException>(() => s.Calls.Register("main-gate", "8-1", visitor with { IdMasked = IdNumber }));
        Assert.Equal("id-unmasked", Assert.Single(e.Problems).Code);
        Assert.Equal("110105********002X", s.Calls.Get("main-gate", "8-1")!.Visitor.IdMasked); // the refused one changed nothing
    }

    public static void Visitor_details_are_erased_after_the_retention_and_the_call_stays(Stores s)
    {
        s.Calls.Progress("maple-court", "main-gate", "old", "calling", Now.AddDays(-31));
        s.Calls.Register("main-gate", "old", VisitorRules.Check(new VisitorInput("李明", "13912345678", "苏E·12345", "3", "2", "1502", "探亲", IdNumber)));
        s.Calls.Decide("main-gate", "old", "opened", "li", Now.AddDays(-31), "ok");
        s.Calls.Progress("maple-court", "main-gate", "new", "calling", Now.AddDays(-29));
        s.Calls.Register("main-gate", "new", VisitorRules.Check(new VisitorInput("王芳", null, null, "5", null, "301", null, null)));
        s.Calls.Progress("maple-court", "main-gate", "nobody", "calling", Now.AddDays(-40)); // no visitor: nothing to erase

        Assert.Equal(1, s.Calls.EraseVisitorDetails(Now, days: 30));
        Assert.Equal(0, s.Calls.EraseVisitorDetails(Now.AddHours(1), days: 30)); // erased once

        var old = s.Calls.Get("main-gate", "old")!;
        Assert.True(old.Visitor.IsEmpty);
        Assert.Equal(Now, old.VisitorErasedAt);
        Assert.Equal(("opened", "li", "ok"), (old.Decision, old.DecidedBy, old.UnlockResult)); // the call itself stays
        var columns = s.Db.Query("""
            SELECT COALESCE(visitor_name, '') || COALESCE(visitor_phone, '') || COALESCE(visitor_plate, '') || COALESCE(visitor_building, '')
                || COALESCE(visitor_unit, '') || COALESCE(visitor_room, '') || COALESCE(visitor_reason, '') || COALESCE(visitor_id_masked, '')
            FROM calls WHERE call_id = 'old'
            """, r => r.GetString(0)).Single();
        Assert.Equal("", columns);
        Assert.Equal("王芳", s.Calls.Get("main-gate", "new")!.Visitor.Name);
        Assert.Null(s.Calls.Get("main-gate", "nobody")!.VisitorErasedAt);
        // An erased record takes no new details: registering late cannot bring them back.
        s.Calls.Register("main-gate", "old", new Visitor("李明", null, null, null, null, null, null));
        Assert.True(s.Calls.Get("main-gate", "old")!.Visitor.IsEmpty);
    }

    public static void An_operator_s_language_is_kept(Stores s)
    {
        s.Operators.Create("li", "李伟", "0123456789", Roles.Operator, Now);
        Assert.Null(s.Operators.Find("li")!.Language);

        s.Operators.SetLanguage("li", "en");
        Assert.Equal("en", s.Operators.Find("li")!.Language);
        s.Operators.SetLanguage("li", null);
        Assert.Null(s.Operators.Find("li")!.Language);
        Assert.Throws<ArgumentException>(() => s.Operators.SetLanguage("nobody", "en"));
    }

    public static readonly Action<Stores>[] All =
    [
        Passwords_are_hashed_and_checked, Shifts_show_who_is_on_duty, A_call_keeps_its_whole_story_and_one_operator_takes_it,
        Missed_calls_stay_listed_until_dealt_with, One_open_alarm_per_thing_until_cleared, Device_keys_are_encrypted_at_rest,
        Events_are_archived_once_and_searchable, The_audit_log_keeps_who_what_when_and_result,
        A_visitor_s_id_number_is_stored_masked_and_never_whole, Visitor_details_are_erased_after_the_retention_and_the_call_stays,
        An_operator_s_language_is_kept,
    ];
}
