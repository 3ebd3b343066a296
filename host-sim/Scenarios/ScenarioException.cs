using System;
using System.Collections.Generic;

namespace Kiosk.HostSim.Scenarios;

/// <summary>A scenario that cannot run, with every problem as "file:line: reason".</summary>
public sealed class ScenarioException(IReadOnlyList<string> errors) : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
