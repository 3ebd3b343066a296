using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;
using Kiosk.Core.Config;
using Kiosk.Portability;
using Kiosk.Provisioning;

namespace Kiosk.Integration.Tests.Support;

/// <summary>
/// flash.ps1 run in a PowerShell engine hosted here, against a fake nanoff, dotnet and mosquitto_sub
/// (PowerShell functions, which the script's `&amp; $Tool` finds before any program). The fakes record
/// every call, the deployment JSON nanoff was given and the mosquitto_sub options file at call time.
/// The script runs from a copy of the repository's layout whose board profile pins a runtime version.
/// </summary>
public sealed class FlashRig : IDisposable
{
    public const string PinnedVersion = "1.12.0.99";
    public const string BrokerPassword = "installer-password-0123456789";
    public const string Ca = "-----BEGIN CERTIFICATE-----\nMIIBsiteca\n-----END CERTIFICATE-----\n";

    private readonly string _root = Directory.CreateTempSubdirectory("kiosk-flash-rig-").FullName;

    public FlashRig(bool pinVersion = true)
    {
        var repo = RepositoryRoot.Find();
        File.Copy(Path.Combine(repo, "flash.ps1"), Script);
        var boards = Directory.CreateDirectory(Path.Combine(_root, "hardware", "boards")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(repo, "hardware", "boards"), "*.json"))
        {
            var text = File.ReadAllText(file);
            if (pinVersion)
                text = text.Replace("\"firmwareVersion\": null", $"\"firmwareVersion\": \"{PinnedVersion}\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(boards, Path.GetFileName(file)), text);
        }
        var profile = BoardProfile.Load(Path.Combine(boards, "esp32-devkitc.json"));
        Directory.CreateDirectory(DeviceFolder);
        var request = new DeviceRequest("maple-court", "north-gate", "esp32-devkitc", LockType.Strike, true, "broker.maple-court.lan", 8883, true, "东门岗亭-IoT");
        File.WriteAllText(Path.Combine(DeviceFolder, "config.json"), DeviceConfigBuilder.Build(request, profile));
        File.WriteAllText(Path.Combine(DeviceFolder, "secrets.json"), SecretsGenerator.Generate("maple-court", "north-gate", Ca, "correct horse battery"));
        File.WriteAllBytes(Image, new byte[] { 1, 2, 3 });
        File.WriteAllText(PasswordFile, BrokerPassword + "\n");
    }

    public string Script => Path.Combine(_root, "flash.ps1");
    public string DeviceFolder => Path.Combine(_root, "devices", "north-gate");
    public string Image => Path.Combine(_root, "Kiosk.Firmware.bin");
    public string PasswordFile => Path.Combine(_root, "installer-password.txt");

    /// <summary>What `nanoff --listports` prints.</summary>
    public string[] Ports { get; set; } = ["/dev/ttyUSB0", "COM12"];

    /// <summary>Destination paths the fake board refuses during file deployment.</summary>
    public string[] RefusedFiles { get; set; } = [];

    public int DotnetExitCode { get; set; }

    /// <summary>The status the broker retains before flashing (null: none).</summary>
    public string? RetainedBefore { get; set; } = "{\"v\":1,\"dev\":\"north-gate\",\"state\":\"offline\",\"boot\":7,\"conn\":2}";

    /// <summary>What a subscription without -R sees first: the retained status, new or stale (null: times out).</summary>
    public string? RetainedAfter { get; set; } = "{\"v\":1,\"dev\":\"north-gate\",\"state\":\"online\",\"boot\":1,\"conn\":1}";

    /// <summary>A birth published while subscribed with -R (null: times out).</summary>
    public string? FreshBirth { get; set; }

    public sealed record Call(string Tool, string[] Args, string? OptionsFile);

    public sealed record Outcome(int ExitCode, string Output, IReadOnlyList<Call> Calls, string? DeploymentJson, string? CaAtBirthCheck)
    {
        public IEnumerable<string[]> Nanoff => Calls.Where(c => c.Tool == "nanoff").Select(c => c.Args);
        public IEnumerable<Call> MosquittoSub => Calls.Where(c => c.Tool == "mosquitto_sub");
    }

    private const string Fakes = """
        function global:Add-Call([string] $Tool, $Arguments, $Options) { $global:Calls.Add([pscustomobject]@{ Tool = $Tool; Args = [string[]]@($Arguments); Options = $Options }) }
        function global:dotnet { Add-Call 'dotnet' $args $null; $global:LASTEXITCODE = $global:Rig.DotnetExitCode; if ($global:LASTEXITCODE) { 'error NU1301: Unable to load the service index' } }
        function global:nanoff {
            Add-Call 'nanoff' $args $null
            $global:LASTEXITCODE = 0
            if ($args -contains '--listports') { 'Available COM ports:'; foreach ($p in $global:Rig.Ports) { "  $p" }; return }
            $i = [array]::IndexOf($args, '--filedeployment')
            if ($i -ge 0) {
                $json = Get-Content -Raw $args[$i + 1]
                $global:Deployment = $json
                # As nanoff does: unknown keys are ignored, every entry is tried, and the exit code stays 0.
                foreach ($f in ($json | ConvertFrom-Json).Files) {
                    if (-not $f.PSObject.Properties['DestinationFilePath']) { continue }
                    if ($global:Rig.RefusedFiles -contains $f.DestinationFilePath) { "Deploying file $($f.SourceFilePath) to $($f.DestinationFilePath)..."; "Error deploying content file $($f.SourceFilePath) to $($f.DestinationFilePath)" }
                    else { "Deploying file $($f.SourceFilePath) to $($f.DestinationFilePath)...OK" }
                }
            }
        }
        function global:mosquitto_sub {
            $folder = if ([System.OperatingSystem]::IsWindows()) { $env:USERPROFILE } else { $env:XDG_CONFIG_HOME }
            $file = Join-Path $folder ($(if ([System.OperatingSystem]::IsWindows()) { 'mosquitto_sub.conf' } else { 'mosquitto_sub' }))
            Add-Call 'mosquitto_sub' $args $(if (Test-Path $file) { Get-Content -Raw $file } else { $null })
            $ca = [array]::IndexOf($args, '--cafile')
            if ($ca -ge 0) { $global:CaSeen = Get-Content -Raw $args[$ca + 1] }
            $message = if ($args -contains '--retained-only') { $global:Rig.RetainedBefore } elseif ($args -contains '-R') { $global:Rig.FreshBirth } else { $global:Rig.RetainedAfter }
            if ($null -eq $message) { $global:LASTEXITCODE = 27; return }
            $global:LASTEXITCODE = 0
            $message
        }
        """;

    public Outcome Run(IDictionary parameters)
    {
        var session = InitialSessionState.CreateDefault2();
        session.ImportPSModule(new[]
        {
            typeof(Microsoft.PowerShell.Commands.WriteHostCommand).Assembly.Location,
            typeof(Microsoft.PowerShell.Commands.GetContentCommand).Assembly.Location,
        });
        using var runspace = RunspaceFactory.CreateRunspace(session);
        runspace.Open();
        using var ps = PowerShell.Create(runspace);
        runspace.SessionStateProxy.SetVariable("Calls", new List<PSObject>());
        runspace.SessionStateProxy.SetVariable("Rig", this);
        runspace.SessionStateProxy.SetVariable("FlashParameters", parameters);
        ps.AddScript(Fakes).Invoke();
        ps.Commands.Clear();
        ps.AddScript($"& '{Script}' @FlashParameters; $LASTEXITCODE");
        var results = ps.Invoke();
        var output = string.Join("\n", ps.Streams.Information.Select(i => i.MessageData?.ToString()))
            + string.Join("\n", ps.Streams.Error.Select(e => "ERROR: " + e));
        var exit = results.Count > 0 && results[^1]?.BaseObject is int code ? code : -1;
        var calls = ((List<PSObject>)runspace.SessionStateProxy.GetVariable("Calls"))
            .Select(c => new Call((string)c.Properties["Tool"].Value, (string[])c.Properties["Args"].Value, Text(c.Properties["Options"].Value)))
            .ToList();
        return new Outcome(exit, output, calls, Text(runspace.SessionStateProxy.GetVariable("Deployment")), Text(runspace.SessionStateProxy.GetVariable("CaSeen")));
    }

    public Outcome Run(string port = "/dev/ttyUSB0", bool whatIf = false, bool watch = true)
    {
        var parameters = new Hashtable { ["Device"] = DeviceFolder, ["Port"] = port, ["Image"] = Image };
        if (whatIf)
            parameters["WhatIf"] = true;
        if (watch)
        {
            parameters["BrokerUser"] = "installer";
            parameters["BrokerPasswordFile"] = PasswordFile;
            parameters["BirthTimeoutSeconds"] = 30;
        }
        return Run(parameters);
    }

    /// <summary>PowerShell hands strings back wrapped (Get-Content adds its path notes): the text itself.</summary>
    private static string? Text(object? value) => value is PSObject wrapped ? wrapped.BaseObject as string : value as string;

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
