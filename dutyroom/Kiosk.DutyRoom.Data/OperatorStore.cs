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
public sealed partial class OperatorStore(ConsoleDb db)
{
    public const int MinPasswordLength = 10;
    private static readonly PasswordHasher<string> Hasher = new();
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
        if (problems.Count == 0 && Find(username!) is not null)
            problems.Add(new("username-taken", $"username: '{username}' is taken", username!));
        if (problems.Count > 0)
            throw new InputRefusedException(problems);
        db.Execute("""
            INSERT INTO operators (username, display_name, password_hash, role, disabled, created_at)
            VALUES (@u, @d, @h, @r, 0, @at)
            """, ("@u", username), ("@d", displayName.Trim()), ("@h", Hasher.HashPassword(username!, password!)), ("@r", role), ("@at", ConsoleDb.Iso(now)));
        return Find(username!)!;
    }

    /// <summary>The operator if the password is right and the account is enabled; null otherwise (no hint which).</summary>
    public Operator? Verify(string username, string password)
    {
        var rows = db.Query("SELECT password_hash FROM operators WHERE username = @u AND disabled = 0", r => r.GetString(0), ("@u", username));
        if (rows.Count != 1 || string.IsNullOrEmpty(password))
            return null;
        var result = Hasher.VerifyHashedPassword(username, rows[0], password);
        if (result == PasswordVerificationResult.Failed)
            return null;
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            db.Execute("UPDATE operators SET password_hash = @h WHERE username = @u", ("@h", Hasher.HashPassword(username, password)), ("@u", username));
        return Find(username);
    }

    public Operator? Find(string username) =>
        db.Query($"SELECT {Columns} FROM operators WHERE username = @u", Read, ("@u", username)) is [var o] ? o : null;

    public IReadOnlyList<Operator> All() => db.Query($"SELECT {Columns} FROM operators ORDER BY username", Read);

    public IReadOnlyList<Operator> OnDuty() =>
        db.Query($"SELECT {Columns} FROM operators WHERE on_duty_since IS NOT NULL AND disabled = 0 ORDER BY on_duty_since", Read);

    public void SetPassword(string username, string password)
    {
        if (password is null || password.Length < MinPasswordLength)
            throw new ArgumentException($"password: at least {MinPasswordLength} characters");
        Require(db.Execute("UPDATE operators SET password_hash = @h WHERE username = @u", ("@h", Hasher.HashPassword(username, password)), ("@u", username)), username);
    }

    public void SetRole(string username, string role)
    {
        if (!Roles.IsValid(role))
            throw new ArgumentException($"role: '{role}' is not {Roles.Operator} or {Roles.Administrator}");
        Require(db.Execute("UPDATE operators SET role = @r WHERE username = @u", ("@r", role), ("@u", username)), username);
    }

    /// <summary>A disabled operator cannot sign in and leaves the duty list.</summary>
    public void SetDisabled(string username, bool disabled) =>
        Require(db.Execute("UPDATE operators SET disabled = @d, on_duty_since = NULL WHERE username = @u", ("@d", disabled ? 1L : 0L), ("@u", username)), username);

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
