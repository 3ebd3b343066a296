namespace Kiosk.HostSim.Scenarios;

/// <summary>One line of a scenario: when (site time), what (verb and arguments), and for expectations how long they may take.</summary>
public sealed record ScenarioStep(string File, int Line, long AtMillis, string Verb, string[] Args, long WithinMillis, string Text)
{
    public bool IsExpectation => Verb == "expect";

    public string Where => $"{File}:{Line}";
}
