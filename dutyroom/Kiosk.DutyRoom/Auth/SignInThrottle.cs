using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// Slows password guessing without handing anyone a way to keep a named operator out (issue 20:
/// five wrong posts a minute from anywhere paused the name, and then the right password was refused
/// too). Counted per (client address, name): 5 wrong in a row pause that pair for a minute; per
/// client address: 20 wrong for any names pause that address for 5 minutes. The right password from
/// another address still works. Pressure on one name from many addresses cannot be paused without
/// locking its owner out, so it is reported instead (<see cref="Failed"/> says when to audit it).
/// </summary>
public sealed class SignInThrottle(ConsoleClock clock)
{
    public const int AttemptsPerName = 5;
    public const int AttemptsPerAddress = 20;
    public const int PressureStep = 20;
    public static readonly TimeSpan Pause = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan AddressPause = TimeSpan.FromMinutes(5);
    private const int MaxTracked = 50_000; // a flood of made-up names cannot grow this without bound

    private readonly ConcurrentDictionary<string, Count> _pairs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Count> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Count> _names = new(StringComparer.Ordinal);

    /// <summary>Why this attempt is not even checked ("name" for this address and name, "address" for this address), or null.</summary>
    public string? Paused(string address, string username)
    {
        var now = clock.Now;
        if (_addresses.TryGetValue(address, out var a) && a.Failures >= AttemptsPerAddress && now < a.Until)
            return "address";
        if (_pairs.TryGetValue(Pair(address, username), out var p) && p.Failures >= AttemptsPerName && now < p.Until)
            return "name";
        return null;
    }

    /// <summary>True the first time a pause is met in its window (audit that one, count the rest).</summary>
    public bool FirstRefusalInPause(string address, string username)
    {
        var key = Paused(address, username) == "address" ? _addresses.GetValueOrDefault(address) : _pairs.GetValueOrDefault(Pair(address, username));
        if (key is null)
            return false;
        lock (key)
        {
            if (key.Reported)
                return false;
            key.Reported = true;
            return true;
        }
    }

    /// <summary>
    /// Counts a wrong password. Returns the name's failures from every address in the last window
    /// and how many addresses they came from when that crosses a multiple of <see cref="PressureStep"/>
    /// (someone is working on this name: audit it), else null.
    /// </summary>
    public (int Failures, int Addresses)? Failed(string address, string username)
    {
        Prune();
        Add(_pairs, Pair(address, username), Pause, null);
        Add(_addresses, address, AddressPause, null);
        var name = Add(_names, username, AddressPause, address);
        lock (name)
            return name.Failures % PressureStep == 0 ? (name.Failures, name.Sources!.Count) : null;
    }

    /// <summary>The right password: this address and name start again (the address's count stays: it was guessing other names).</summary>
    public void Succeeded(string address, string username) => _pairs.TryRemove(Pair(address, username), out _);

    private Count Add(ConcurrentDictionary<string, Count> counts, string key, TimeSpan pause, string? source)
    {
        var now = clock.Now;
        var count = counts.GetOrAdd(key, _ => new Count());
        lock (count)
        {
            if (now >= count.Until)
            {
                count.Failures = 0;
                count.Reported = false;
                count.Sources?.Clear();
            }
            count.Failures++;
            count.Until = now + pause;
            if (source is not null)
                (count.Sources ??= new HashSet<string>(StringComparer.Ordinal)).Add(source);
        }
        return count;
    }

    private void Prune()
    {
        if (_pairs.Count + _names.Count + _addresses.Count < MaxTracked)
            return;
        var now = clock.Now;
        foreach (var counts in new[] { _pairs, _names, _addresses })
            foreach (var (key, count) in counts)
                if (now >= count.Until)
                    counts.TryRemove(key, out _);
    }

    private static string Pair(string address, string username) => address + "\n" + username;

    private sealed class Count
    {
        public int Failures;
        public DateTimeOffset Until;
        public bool Reported;
        public HashSet<string>? Sources;
    }
}
