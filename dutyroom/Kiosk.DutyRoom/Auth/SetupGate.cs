using System;
using System.Security.Cryptography;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// The one-time setup step: while there are no operators, the console prints a random code and the
/// /setup page creates the first administrator with it. There is never a default password; once an
/// operator exists the page refuses, and the code is gone with the process.
/// </summary>
public sealed class SetupGate
{
    public string Code { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public bool Matches(string? code) =>
        code is not null && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(code.Trim()), System.Text.Encoding.ASCII.GetBytes(Code));
}
