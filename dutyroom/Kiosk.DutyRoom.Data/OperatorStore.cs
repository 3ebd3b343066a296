using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// Operators and their passwords, hashed with ASP.NET Core Identity's PasswordHasher (PBKDF2,
/// HMAC-SHA512, salted, 100 000 iterations). There is no default account: the first administrator
/// is made by the `add-operator` command or the one-time setup page.
/// </summary>
public sealed partial class OperatorStore(ConsoleDb db, IPasswordHasher<string>? hasher = null)
{
    public const int MinPasswordLength = 10;
    private readonly IPasswordHasher<string> Hasher = hasher ?? new PasswordHasher<string>();

    // Issue 20: an unknown name (or a disabled account) is checked against this hash too, so sign-in
    // takes the same PBKDF2 time whether or not the name exists: names cannot be listed by timing.
    private static readonly string UnknownNameHash = new PasswordHasher<string>().HashPassword("(unknown)", Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
    private const string Columns = "id, username, display_name, role, disabled, created_at, on_duty_since, language";

    public long Count() => db.Scalar("SELECT COUNT(*) FROM operators");

    /// <summary>Adds an operator; every rule broken is named in the exception.</summary>
    public Operator Create(string username, string displayName, string password, string role, DateTimeOffset now)
    {
        var problems = new List<Problem>();
        if (!UsernamePattern().IsMatch(username ?? ""))
            problems.Add(new("username", "username: 2 to 32 of a-z 0-9 . _ -"));
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 64)
            problems.Add(new("display-name", "display name: 1 to 64 characters"));
        if (password is null || password.Length < MinPasswordLength)
            problems.Add(new("password", $"password: at least {MinPasswordLength} characters", MinPasswordLength));
        if (!Roles.IsValid(role))
            problems.Add(new("role", $"role: '{role}' is not {Roles.Operator} or {Roles.Administrator}", role));
        if (problems.Count == 0 && FindIncludingDisabled(username!) is not null)
            problems.Add(new("username-taken", $"username: '{username}' is taken", username!));
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        db.Execute("""
            INSERT INTO operators (username, display_name, password_hash, role, disabled, created_at)
            VALUES (@u, @d, @h, @r, 0, @at)
            """, ("@u", username), ("@d", displayName.Trim()), ("@h", Hasher.HashPassword(username!, password!)), ("@r", role), ("@at", ConsoleDb.Iso(now)));
        return FindIncludingDisabled(username!)!;
    }

    /// <summary>The operator if the password is right and the account is enabled; null otherwise (no hint which).</summary>
    public Operator? Verify(string username, string password)
    {
        var rows = db.Query("SELECT password_hash FROM operators WHERE username = @u AND disabled = 0", r => r.GetString(0), ("@u", username));
        var known = rows.Count == 1;
        // Always one hash check, for a known name or not (the same time either way).
        var result = Hasher.VerifyHashedPassword(username, known ? rows[0] : UnknownNameHash, password ?? "");
        if (!known || string.IsNullOrEmpty(password) || result == PasswordVerificationResult.Failed)
            return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            db.Execute("UPDATE operators SET password_hash = @h WHERE username = @u", ("@h", Hasher.HashPassword(username, password)), ("@u", username));
        return Find(username);
    }

    /// <summary>
    /// The operator who may act now: enabled, fresh from the database; null if gone or disabled. This
    /// is what authorization asks (issue 20: a disabled account must never be handed back for it).
    /// </summary>
    public Operator? Find(string username) =>
        db.Query($"SELECT {Columns} FROM operators WHERE username = @u AND disabled = 0", Read, ("@u", username)) is [var o] ? o : null;

    /// <summary>The account whatever its state (the Operators page, a name taken): never for deciding what someone may do.</summary>
    public Operator? FindIncludingDisabled(string username) =>
        db.Query($"SELECT {Columns} FROM operators WHERE username = @u", Read, ("@u", username)) is [var o] ? o : null;

    /// <summary>Every sign-in name with its display name, disabled ones too (records name who did what, by name).</summary>
    public IReadOnlyDictionary<string, string> DisplayNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (u, d) in db.Query("SELECT username, display_name FROM operators", r => (r.GetString(0), r.GetString(1))))
            names[u] = d;
        return names;
    }

    /// <summary>
    /// Changes whenever the password does (a digest of the salted hash, never the hash itself): a
    /// session signed in before a reset carries the old one and is refused. Null if gone or disabled.
    /// </summary>
    public string? Stamp(string username) =>
        db.Query("SELECT password_hash FROM operators WHERE username = @u AND disabled = 0", r => r.GetString(0), ("@u", username)) is [var hash]
            ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("kiosk-session:" + hash)))[..16]
            : null;

    /// <summary>True if <paramref name="password"/> is this enabled operator's (a password change asks for the current one).</summary>
    public bool Matches(string username, string password) => Verify(username, password) is not null;

    public IReadOnlyList<Operator> All() => db.Query($"SELECT {Columns} FROM operators ORDER BY username", Read);

    public IReadOnlyList<Operator> OnDuty() =>
        db.Query($"SELECT {Columns} FROM operators WHERE on_duty_since IS NOT NULL AND disabled = 0 ORDER BY on_duty_since", Read);

    public void SetPassword(string username, string password)
    {
        if (password is null || password.Length < MinPasswordLength)
            throw new InputRefusedException([new("password", $"password: at least {MinPasswordLength} characters", MinPasswordLength)]);
        Require(db.Execute("UPDATE operators SET password_hash = @h WHERE username = @u", ("@h", Hasher.HashPassword(username, password)), ("@u", username)), username);
    }

    /// <summary>Changes the role; the last enabled administrator cannot be made an operator (<see cref="LastAdministrator"/>).</summary>
    public void SetRole(string username, string role)
    {
        if (!Roles.IsValid(role))
            throw new ArgumentException($"role: '{role}' is not {Roles.Operator} or {Roles.Administrator}");
        KeepingAnAdministrator(username, "UPDATE operators SET role = @r WHERE username = @u", role == Roles.Administrator, ("@r", role));
    }

    /// <summary>A disabled operator cannot sign in and leaves the duty list. The last enabled administrator cannot be disabled.</summary>
    public void SetDisabled(string username, bool disabled) =>
        KeepingAnAdministrator(username, "UPDATE operators SET disabled = @d, on_duty_since = NULL WHERE username = @u", !disabled, ("@d", disabled ? 1L : 0L));

    /// <summary>The problem code when a change would leave no enabled administrator.</summary>
    public const string LastAdministrator = "last-administrator";

    /// <summary>
    /// Runs a change to one operator unless it would leave the console with no enabled administrator
    /// (issue 20: a demoted administrator disabled the other one and nobody could manage the console).
    /// The check and the change are one transaction; on PostgreSQL the enabled administrators' rows are
    /// locked first, so two administrators demoting each other at the same moment cannot both succeed.
    /// </summary>
    private void KeepingAnAdministrator(string username, string update, bool keepsRights, params (string Name, object? Value)[] args)
    {
        using var connection = db.Connect();
        using var transaction = connection.BeginTransaction(); // SQLite: serializable; PostgreSQL: read committed, with the rows locked below
        var lockAdmins = db.Provider == DbProvider.Postgres ? " FOR UPDATE" : "";
        var admins = new List<string>();
        using (var select = ConsoleDb.Command(connection, $"SELECT username FROM operators WHERE role = '{Roles.Administrator}' AND disabled = 0{lockAdmins}", []))
        {
            select.Transaction = transaction;
            using var reader = select.ExecuteReader();
            while (reader.Read())
                admins.Add(reader.GetString(0));
        }
        if (!keepsRights && admins.Count == 1 && admins[0] == username)
            throw InputRefusedException.One(LastAdministrator, $"'{username}' is the last administrator: make another one first");
        using (var change = ConsoleDb.Command(connection, update, [.. args, ("@u", username)]))
        {
            change.Transaction = transaction;
            Require(change.ExecuteNonQuery(), username);
        }
        transaction.Commit();
    }

    /// <summary>Shift handover: the operator is on duty from now until <see cref="EndShift"/>.</summary>
    public void StartShift(string username, DateTimeOffset now) =>
        Require(db.Execute("UPDATE operators SET on_duty_since = COALESCE(on_duty_since, @t) WHERE username = @u AND disabled = 0", ("@t", ConsoleDb.Iso(now)), ("@u", username)), username);

    /// <summary>The operator's own language for the console; null goes back to the site's default.</summary>
    public void SetLanguage(string username, string? language) =>
        Require(db.Execute("UPDATE operators SET language = @l WHERE username = @u", ("@l", language), ("@u", username)), username);

    public void EndShift(string username) =>
        Require(db.Execute("UPDATE operators SET on_duty_since = NULL WHERE username = @u", ("@u", username)), username);

    private static void Require(int rows, string username)
    {
        if (rows == 0)
            throw new ArgumentException($"no operator '{username}'");
    }

    private static Operator Read(DbDataReader r) =>
        new(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt64(4) == 1, ConsoleDb.Time(r, 5), ConsoleDb.MaybeTime(r, 6), ConsoleDb.MaybeText(r, 7));

    [GeneratedRegex("^[a-z0-9._-]{2,32}$")]
    private static partial Regex UsernamePattern();
}
