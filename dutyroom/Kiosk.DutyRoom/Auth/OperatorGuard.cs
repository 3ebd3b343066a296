using System;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Desk;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// The one place an action asks "who is doing this, and may they, right now?". A screen's idea of
/// its operator was read when the page opened; an administrator demoted or disabled since then must
/// not keep the powers of that moment (issue 20: a demoted administrator disabled the other one from
/// his open tab, a disabled one opened a gate). So every desk and every page handler passes the
/// operator it holds through <see cref="Allow"/>, which reads the account again and refuses, audited,
/// when it is gone, disabled or no longer an administrator. Changes to an account are announced
/// (<see cref="Changed"/>) so open screens drop their powers at once, not at the next page load.
/// </summary>
public sealed class OperatorGuard(Stores stores, ConsoleClock clock)
{
    /// <summary>An account was disabled, enabled, demoted, promoted or given a new password (its sign-in name).</summary>
    public event Action<string>? Changed;

    /// <summary>Tells every open screen that <paramref name="username"/>'s account changed.</summary>
    public void AccountChanged(string username) => Changed?.Invoke(username);

    /// <summary>The refusal a desk shows when <see cref="Allow"/> said no.</summary>
    public static DeskResult NotAllowed => DeskResult.Refused("Desk.NotAllowed");

    /// <summary>
    /// The operator as the database has them now, if they may do <paramref name="action"/>; else null,
    /// with the refusal in the audit log. <paramref name="administrator"/>: the action is for administrators.
    /// </summary>
    public Operator? Allow(Operator? claimed, string action, string target, bool administrator = false)
    {
        var now = claimed is null ? null : stores.Operators.Find(claimed.Username);
        if (now is not null && (!administrator || now.IsAdministrator))
            return now;
        stores.Audit.Record(claimed?.Username ?? "?", action, target,
            now is null ? "refused: the account is disabled or gone" : "refused: administrators only (the role changed)", "refused", clock.Now);
        return null;
    }
}
