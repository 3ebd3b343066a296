using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Linq;
using Kiosk.Core.Access;
using Microsoft.AspNetCore.DataProtection;

namespace Kiosk.DutyRoom.Data.Residents;

/// <summary>
/// Residents and their cards and PINs. Every credential's value is kept encrypted with ASP.NET Core
/// Data Protection (the key ring that protects the device keys, outside the database): each board
/// hashes credentials with its own key, so the console must be able to hash a PIN again for a door
/// added or re-provisioned later; per-device hashes alone could not. A card is also kept as printed
/// (it is on the card's face) for operators to find. Additions are all-or-nothing.
/// </summary>
public sealed class ResidentStore(ConsoleDb db, IDataProtectionProvider protection, AccessRulesStore rules)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Kiosk.DutyRoom.Credentials.v1");

    public const int MaxField = 32;

    /// <summary>Checks every input against the rules and the credentials already live; the problems per input, in order.</summary>
    public IReadOnlyList<IReadOnlyList<Problem>> Check(IReadOnlyList<ResidentInput> inputs)
    {
        var schedules = rules.Schedules().ToDictionary(s => s.Name, s => s.Number, StringComparer.Ordinal);
        var groups = rules.DoorGroups().Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var live = Live();
        var cards = live.Where(c => c.Kind != CredentialHash.Pin).Select(c => c.Kind + "/" + c.Value).ToHashSet(StringComparer.Ordinal);
        var pins = live.Where(c => c.Kind == CredentialHash.Pin).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var result = new List<IReadOnlyList<Problem>>();
        foreach (var input in inputs)
        {
            var problems = new List<Problem>();
            Field(problems, "building", input.Building, required: true);
            Field(problems, "unit", input.Unit, required: false);
            Field(problems, "room", input.Room, required: true);
            Field(problems, "name", input.Name, required: true);
            if (input.Card.Trim().Length == 0 && input.Pin.Trim().Length == 0)
                problems.Add(new("credential-missing", "a card or a PIN"));
            if (input.Card.Trim().Length > 0)
            {
                if (!CardNumber.TryParse(input.Card, out var kind, out var printed, out var hashed))
                    problems.Add(new("card-format", $"card '{input.Card}': facility:number (26-bit, e.g. 12:34567) or a 34-bit value (up to 4294967295)", input.Card));
                else if (!cards.Add(kind + "/" + hashed))
                    problems.Add(new("card-taken", $"card {printed}: already given to a resident", printed));
            }
            if (input.Pin.Trim().Length > 0)
            {
                if (!CardNumber.IsPin(input.Pin.Trim()))
                    problems.Add(new("pin-format", "PIN: 4 to 8 digits"));
                else if (!pins.Add(input.Pin.Trim()))
                    // The board knows a PIN by its hash alone, so two residents cannot share one.
                    problems.Add(new("pin-taken", "PIN: already in use by another resident; choose another"));
            }
            if (input.ValidFrom is { } from && input.ValidUntil is { } until && until <= from)
                problems.Add(new("valid-range", "valid until: after valid from"));
            if (input.Schedule.Trim().Length > 0 && !schedules.ContainsKey(input.Schedule.Trim()))
                problems.Add(new("schedule-unknown", $"schedule '{input.Schedule}': no such schedule", input.Schedule));
            if (input.DoorGroups.Count == 0)
                problems.Add(new("door-groups-missing", "door groups: at least one (which doors the resident may open)"));
            foreach (var g in input.DoorGroups.Where(g => !groups.Contains(g)))
                problems.Add(new("door-group-unknown", $"door group '{g}': no such group", g));
            result.Add(problems);
        }
        return result;
    }

    private static void Field(List<Problem> problems, string field, string value, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
            problems.Add(new(field + "-required", $"{field}: required"));
        else if ((value ?? "").Trim().Length > MaxField)
            problems.Add(new(field + "-too-long", $"{field}: at most {MaxField} characters", MaxField));
    }

    /// <summary>Adds residents with their credentials in one transaction, or none of them (every problem, per input, in the exception).</summary>
    public IReadOnlyList<long> Add(IReadOnlyList<ResidentInput> inputs, string by, DateTimeOffset now)
    {
        var problems = Check(inputs);
        if (problems.Any(p => p.Count > 0))
            throw new ResidentsRefusedException(problems);
        var schedules = rules.Schedules().ToDictionary(s => s.Name, s => s.Number, StringComparer.Ordinal);
        var ids = new List<long>();
        using var connection = db.Connect();
        using var tx = connection.BeginTransaction();
        foreach (var input in inputs)
        {
            var id = Scalar(connection, tx, """
                INSERT INTO residents (building, unit, room, name, valid_from, valid_until, schedule, door_groups, created_at, updated_at)
                VALUES (@b, @u, @r, @n, @from, @until, @s, @g, @at, @at) RETURNING id
                """, ("@b", input.Building.Trim()), ("@u", input.Unit.Trim()), ("@r", input.Room.Trim()), ("@n", input.Name.Trim()),
                ("@from", input.ValidFrom is { } f ? ConsoleDb.Iso(f) : null), ("@until", input.ValidUntil is { } u ? ConsoleDb.Iso(u) : null),
                ("@s", input.Schedule.Trim().Length == 0 ? 0L : schedules[input.Schedule.Trim()]),
                ("@g", string.Join(',', input.DoorGroups)), ("@at", ConsoleDb.Iso(now)));
            if (CardNumber.TryParse(input.Card, out var kind, out var printed, out var hashed))
                InsertCredential(connection, tx, id, kind, printed, hashed, by, now);
            if (input.Pin.Trim().Length > 0)
                InsertCredential(connection, tx, id, CredentialHash.Pin, null, input.Pin.Trim(), by, now);
            ids.Add(id);
        }
        tx.Commit();
        return ids;
    }

    /// <summary>Gives an existing resident one more card or PIN.</summary>
    public long AddCredential(long residentId, string card, string pin, string by, DateTimeOffset now)
    {
        var resident = Find(residentId) ?? throw InputRefusedException.One("resident-unknown", $"resident {residentId}: not found");
        var problems = Check([new ResidentInput(resident.Building, resident.Unit, resident.Room, resident.Name, null, null, "", resident.DoorGroups, card, pin)])[0]
            .Where(p => p.Code is not ("door-group-unknown" or "door-groups-missing")).ToList();
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        using var connection = db.Connect();
        using var tx = connection.BeginTransaction();
        long id = 0;
        if (CardNumber.TryParse(card, out var kind, out var printed, out var hashed))
            id = InsertCredential(connection, tx, residentId, kind, printed, hashed, by, now);
        if (pin.Trim().Length > 0)
            id = InsertCredential(connection, tx, residentId, CredentialHash.Pin, null, pin.Trim(), by, now);
        Touch(connection, tx, residentId, now);
        tx.Commit();
        return id;
    }

    /// <summary>Revokes a credential (kept, marked, never reused); false when it was not live.</summary>
    public bool Revoke(long credentialId, string by, DateTimeOffset now) =>
        db.Execute("UPDATE credentials SET revoked_by = @by, revoked_at = @at WHERE id = @id AND revoked_at IS NULL",
            ("@by", by), ("@at", ConsoleDb.Iso(now)), ("@id", credentialId)) == 1;

    /// <summary>Changes what a resident's credentials are good for.</summary>
    public void Update(long residentId, DateTimeOffset? validFrom, DateTimeOffset? validUntil, string schedule, IReadOnlyList<string> doorGroups, DateTimeOffset now)
    {
        var resident = Find(residentId) ?? throw InputRefusedException.One("resident-unknown", $"resident {residentId}: not found");
        var problems = Check([new ResidentInput(resident.Building, resident.Unit, resident.Room, resident.Name, validFrom, validUntil, schedule, doorGroups, "", "")])[0]
            .Where(p => p.Code != "credential-missing").ToList();
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        var number = schedule.Trim().Length == 0 ? 0 : rules.Schedules().First(s => s.Name == schedule.Trim()).Number;
        db.Execute("""
            UPDATE residents SET valid_from = @from, valid_until = @until, schedule = @s, door_groups = @g, updated_at = @at WHERE id = @id
            """, ("@from", validFrom is { } f ? ConsoleDb.Iso(f) : null), ("@until", validUntil is { } u ? ConsoleDb.Iso(u) : null),
            ("@s", (long)number), ("@g", string.Join(',', doorGroups)), ("@at", ConsoleDb.Iso(now)), ("@id", residentId));
    }

    private const string ResidentColumns = "id, building, unit, room, name, valid_from, valid_until, schedule, door_groups, created_at, updated_at";

    public IReadOnlyList<Resident> All(string? building = null) =>
        db.Query($"SELECT {ResidentColumns} FROM residents WHERE (CAST(@b AS TEXT) IS NULL OR building = @b) ORDER BY building, unit, room, name, id",
            MapResident, ("@b", building));

    public Resident? Find(long id) =>
        db.Query($"SELECT {ResidentColumns} FROM residents WHERE id = @id", MapResident, ("@id", id)) is [var r] ? r : null;

    public IReadOnlyList<Credential> CredentialsOf(long residentId) =>
        db.Query("SELECT id, resident_id, kind, card, added_by, added_at, revoked_by, revoked_at FROM credentials WHERE resident_id = @r ORDER BY id",
            MapCredential, ("@r", residentId));

    /// <summary>Every credential (live or revoked) by id, with its resident: the access log names them.</summary>
    public IReadOnlyDictionary<long, (Credential Credential, Resident Resident)> Directory()
    {
        var residents = All().ToDictionary(r => r.Id);
        return db.Query("SELECT id, resident_id, kind, card, added_by, added_at, revoked_by, revoked_at FROM credentials", MapCredential)
            .Where(c => residents.ContainsKey(c.ResidentId))
            .ToDictionary(c => c.Id, c => (c, residents[c.ResidentId]));
    }

    /// <summary>Every live credential with its value decrypted (for hashing under a door's key) and its resident's terms.</summary>
    public IReadOnlyList<LiveCredential> Live() =>
        db.Query("""
            SELECT c.id, c.kind, c.secret_protected, r.valid_from, r.valid_until, r.schedule, r.door_groups
            FROM credentials c JOIN residents r ON r.id = c.resident_id WHERE c.revoked_at IS NULL ORDER BY c.id
            """, r => new LiveCredential(r.GetInt64(0), r.GetString(1), _protector.Unprotect(r.GetString(2)), ConsoleDb.MaybeTime(r, 3),
                ConsoleDb.MaybeTime(r, 4), (int)r.GetInt64(5), AccessRulesStore.Split(r.GetString(6))));

    private long InsertCredential(DbConnection connection, DbTransaction tx, long residentId, string kind, string? card, string value, string by, DateTimeOffset now)
    {
        var id = Scalar(connection, tx, """
            INSERT INTO credentials (resident_id, kind, card, secret_protected, added_by, added_at) VALUES (@r, @k, @c, @s, @by, @at) RETURNING id
            """, ("@r", residentId), ("@k", kind), ("@c", card), ("@s", _protector.Protect(value)), ("@by", by), ("@at", ConsoleDb.Iso(now)));
        if (id > uint.MaxValue)
            throw new InvalidOperationException("credential ids beyond 32 bits: the board records ids as 32-bit numbers");
        return id;
    }

    private static void Touch(DbConnection connection, DbTransaction tx, long residentId, DateTimeOffset now)
    {
        using var command = ConsoleDb.Command(connection, "UPDATE residents SET updated_at = @at WHERE id = @id", [("@at", ConsoleDb.Iso(now)), ("@id", residentId)]);
        command.Transaction = tx;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, DbTransaction tx, string sql, params (string, object?)[] args)
    {
        using var command = ConsoleDb.Command(connection, sql, args);
        command.Transaction = tx;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Resident MapResident(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), ConsoleDb.MaybeTime(r, 5), ConsoleDb.MaybeTime(r, 6),
            (int)r.GetInt64(7), AccessRulesStore.Split(r.GetString(8)), ConsoleDb.Time(r, 9), ConsoleDb.Time(r, 10));

    private static Credential MapCredential(DbDataReader r) =>
        new(r.GetInt64(0), r.GetInt64(1), r.GetString(2), ConsoleDb.MaybeText(r, 3), r.GetString(4), ConsoleDb.Time(r, 5),
            ConsoleDb.MaybeText(r, 6), ConsoleDb.MaybeTime(r, 7));
}

/// <summary>Residents refused: the problems of each input, in order (an empty list for a good one).</summary>
public sealed class ResidentsRefusedException(IReadOnlyList<IReadOnlyList<Problem>> problems)
    : ArgumentException(string.Join("; ", problems.SelectMany((p, i) => p.Select(x => $"#{i + 1}: {x.English}"))))
{
    public IReadOnlyList<IReadOnlyList<Problem>> Problems { get; } = problems;
}
