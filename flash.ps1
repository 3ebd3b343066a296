#Requires -Version 7.0
<#
.SYNOPSIS
    Flashes a Gatehouse Kiosk controller: nanoFramework runtime, application and device config.

.DESCRIPTION
    Placeholder until the installer issue: board profiles, the provisioning tool and the steps
    below do not exist yet, and this script refuses to pretend otherwise. Planned steps:
      1. check prerequisites (dotnet, nanoff) and say exactly what is missing;
      2. flash the nanoFramework runtime for the board's target (nanoff --update --target ...);
      3. deploy Kiosk.Firmware built in Visual Studio;
      4. write the device config and secrets to the board;
      5. wait for the device's birth message on the broker.
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $Board,
    [string] $Port,
    [string] $Config
)

Write-Error "flash.ps1 is not implemented yet: flash the firmware from Visual Studio (see README.md)."
exit 2
