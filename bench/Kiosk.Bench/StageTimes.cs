using System;
using System.Collections.Generic;
using System.Linq;

namespace Kiosk.Bench;

/// <summary>
/// Per-sample durations of a path's stages, with p50/p99 per stage, and for the slowest 1 % of
/// samples which stage took longest and how many collections ran meanwhile: that is what names the
/// cause of a tail (a late wake-up, a collection, the broker).
/// </summary>
internal sealed class StageTimes
{
    private readonly string[] _names;
    private readonly int _parts;
    private readonly List<double[]> _samples = new();
    private readonly List<int> _collections = new();

    /// <param name="parts">how many of the first stages follow one another without overlap (the rest are sums of them)</param>
    public StageTimes(int parts, params string[] names)
    {
        _parts = parts;
        _names = names;
    }

    public int Count => _samples.Count;

    /// <param name="stages">milliseconds per stage, in the order of the names; the last is the total</param>
    public void Add(double[] stages, int collections)
    {
        _samples.Add(stages);
        _collections.Add(collections);
    }

    public List<double> Stage(int i) => _samples.Select(s => s[i]).ToList();

    public static double P(List<double> samples, int percentile)
    {
        var sorted = samples.OrderBy(s => s).ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    public void Print(string broker)
    {
        var total = _names.Length - 1;
        for (var i = 0; i < _names.Length; i++)
        {
            var s = Stage(i);
            Console.WriteLine($"{broker,-9}   {_names[i],-34} p50 {P(s, 50),7:F3} ms  p99 {P(s, 99),7:F3} ms  max {s.Max(),7:F3} ms");
        }
        // The slowest 1 %: which stage held each one up, and whether a collection ran during it.
        var slow = Enumerable.Range(0, _samples.Count).OrderByDescending(i => _samples[i][total]).Take(Math.Max(1, _samples.Count / 100)).ToList();
        var blame = slow.GroupBy(i => Array.IndexOf(_samples[i], _samples[i].Take(_parts).Max()))
            .OrderByDescending(g => g.Count()).Select(g => $"{_names[g.Key]} in {g.Count()}");
        var withGc = slow.Count(i => _collections[i] > 0);
        var gcAll = _collections.Count(c => c > 0);
        Console.WriteLine($"{broker,-9}   slowest {slow.Count}: longest stage {string.Join(", ", blame)}; a collection ran during {withGc} of them " +
            $"({gcAll} of all {_samples.Count} samples)");
    }
}
