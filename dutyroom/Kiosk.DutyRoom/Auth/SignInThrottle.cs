using System;
using System.Collections.Concurrent;

namespace Kiosk.DutyRoom.Auth;

/// <summary>After 5 wrong passwords for a username, sign-in for it waits a minute: guessing is slow, the operator is not locked out for long.</summary>
public sealed class SignInThrottle(ConsoleClock clock)
{
    public const int Attempts = 5;
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Until)> _failures = new(StringComparer.OrdinalIgnoreCase);

    public bool IsPaused(string username) =>
        _failures.TryGetValue(username, out var f) && f.Failures >= Attempts && clock.Now < f.Until;

    public void Failed(string username) =>
        _failures.AddOrUpdate(username, _ => (1, clock.Now + Pause), (_, f) => (f.Failures >= Attempts && clock.Now >= f.Until ? 1 : f.Failures + 1, clock.Now + Pause));

    public void Succeeded(string username) => _failures.TryRemove(username, out _);
}
