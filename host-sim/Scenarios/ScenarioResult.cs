using System.Collections.Generic;

namespace Kiosk.HostSim.Scenarios;

/// <summary>What a scenario run found: each failed expectation and invariant violation, and a log of what was done when.</summary>
public sealed class ScenarioResult
{
    public List<string> Failures { get; } = new();
    public List<string> Log { get; } = new();

    public bool Passed => Failures.Count == 0;
}
