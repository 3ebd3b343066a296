using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.DutyRoom.Data;

/// <summary>
/// One rule that input broke: a code the screens translate (resource "Problem.{Code}" with
/// <see cref="Args"/>) and the English sentence the command line and the audit log keep.
/// </summary>
public sealed record Problem(string Code, string English, params object[] Args)
{
    public override string ToString() => English;
}

/// <summary>Input refused: every rule it broke, named, so the operator can fix all of them at once.</summary>
public sealed class InputRefusedException(IReadOnlyList<Problem> problems)
    : ArgumentException(string.Join("; ", problems.Select(p => p.English)))
{
    public IReadOnlyList<Problem> Problems { get; } = problems;

    public static InputRefusedException One(string code, string english, params object[] args) => new([new Problem(code, english, args)]);
}
