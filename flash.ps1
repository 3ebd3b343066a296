#Requires -Version 7.0
<#
.SYNOPSIS
    Flashes a Gatehouse Kiosk controller: nanoFramework runtime, application, device config and
    secrets, then waits for the board's birth message on the broker.

.DESCRIPTION
    Run it on the installer's laptop with the board on USB. Every step says what it does; -WhatIf
    (or -DryRun) prints every step and every command without touching hardware or the network.

      1. check prerequisites (PowerShell 7, .NET SDK, nanoff; mosquitto_sub for step 7) and say
         exactly what is missing;
      2. install or update nanoff (a .NET tool);
      3. list serial ports and check the board's is there;
      4. flash the nanoFramework runtime for the board's target (from hardware/boards);
      5. deploy the application (Kiosk.Firmware.bin, built in Visual Studio);
      6. put config.json and secrets.json (made by kiosk-provision) on the board's flash (I:\kiosk);
      7. wait for the board's "online" birth on the broker, with the console's credentials.

    See docs/installer-guide.md.

.EXAMPLE
    ./flash.ps1 -Device ./site/north-gate -Port COM5 -Image ./firmware/Kiosk.Firmware/bin/Release/Kiosk.Firmware.bin -ConsoleUser dutyroom -ConsolePassword (Read-Host -AsSecureString)

.EXAMPLE
    ./flash.ps1 -Device ./site/north-gate -Port /dev/ttyUSB0 -Image ./Kiosk.Firmware.bin -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # Folder written by 'kiosk-provision new': holds config.json and secrets.json.
    [Parameter(Mandatory = $true)] [string] $Device,
    # Serial port of the board (COM5, /dev/ttyUSB0, /dev/cu.usbserial-0001).
    [Parameter(Mandatory = $true)] [string] $Port,
    # The application's deployment image from the Visual Studio build.
    [Parameter(Mandatory = $true)] [string] $Image,
    # Broker user and password of the duty-room console, to watch for the birth (step 7).
    [string] $ConsoleUser,
    [securestring] $ConsolePassword,
    [int] $BirthTimeoutSeconds = 120,
    # Skip step 4 when the board already runs the right nanoFramework firmware.
    [switch] $SkipRuntime,
    # Same as -WhatIf.
    [switch] $DryRun
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
if ($DryRun) { $WhatIfPreference = $true }
$script:StepNumber = 0

function Write-Step([string] $Title) {
    $script:StepNumber++
    Write-Host ""
    Write-Host ("[{0}/7] {1}" -f $script:StepNumber, $Title) -ForegroundColor Cyan
}

function Stop-WithError([string] $Message) {
    Write-Host "FAILED: $Message" -ForegroundColor Red
    exit 1
}

# Runs an external command, or only prints it under -WhatIf. Fails with the command's own output.
function Invoke-Tool([string] $Tool, [string[]] $Arguments, [string] $What) {
    $line = "$Tool $($Arguments -join ' ')"
    if (-not $PSCmdlet.ShouldProcess($line, $What)) {
        Write-Host "  would run: $line"
        return ''
    }
    Write-Host "  running: $line"
    $output = & $Tool @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) {
        Stop-WithError "$What failed (exit $LASTEXITCODE):`n$($output -join "`n")"
    }
    return ($output -join "`n")
}

# The device's config and the board profile it names: everything later steps need.
function Read-DeviceFolder([string] $Folder) {
    $configPath = Join-Path $Folder 'config.json'
    $secretsPath = Join-Path $Folder 'secrets.json'
    foreach ($path in @($configPath, $secretsPath)) {
        if (-not (Test-Path $path)) { Stop-WithError "$path not found: create the device with 'kiosk-provision new' first" }
    }
    $config = Get-Content $configPath -Raw | ConvertFrom-Json
    $profilePath = Join-Path $PSScriptRoot "hardware/boards/$($config.board).json"
    if (-not (Test-Path $profilePath)) { Stop-WithError "board '$($config.board)' in $configPath has no profile at $profilePath" }
    $boardProfile = Get-Content $profilePath -Raw | ConvertFrom-Json
    return [pscustomobject]@{
        ConfigPath  = (Resolve-Path $configPath).Path
        SecretsPath = (Resolve-Path $secretsPath).Path
        Site        = $config.site
        DeviceId    = $config.deviceId
        Target      = $boardProfile.firmwareTarget
        BrokerHost  = $config.mqtt.host
        BrokerPort  = $config.mqtt.port
        Tls         = [bool]$config.mqtt.tls
    }
}

# nanoff's file deployment list: what goes where on the board's internal flash.
function New-FileDeployment([pscustomobject] $DeviceInfo, [string] $SerialPort, [string] $Path) {
    $deployment = [ordered]@{
        SerialPort = $SerialPort
        Files      = @(
            [ordered]@{ FileName = 'I:\kiosk\config.json'; ContentFileName = $DeviceInfo.ConfigPath },
            [ordered]@{ FileName = 'I:\kiosk\secrets.json'; ContentFileName = $DeviceInfo.SecretsPath }
        )
    }
    $deployment | ConvertTo-Json -Depth 4 | Set-Content -Path $Path -Encoding utf8
    return $Path
}

Write-Host "Gatehouse Kiosk installer: $Device on $Port" -ForegroundColor White
$info = Read-DeviceFolder $Device
Write-Host "  device $($info.Site)/$($info.DeviceId), firmware target $($info.Target), broker $($info.BrokerHost):$($info.BrokerPort)"

Write-Step 'Checking prerequisites'
$missing = @()
if ($PSVersionTable.PSVersion.Major -lt 7) { $missing += "PowerShell 7 (you have $($PSVersionTable.PSVersion))" }
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { $missing += '.NET SDK 8 or later (dotnet), from https://dot.net' }
if (-not (Test-Path $Image)) { $missing += "the application image $Image (build Kiosk.Firmware in Visual Studio first)" }
if ($ConsoleUser -and -not (Get-Command mosquitto_sub -ErrorAction SilentlyContinue)) { $missing += 'mosquitto_sub (Mosquitto clients) to watch for the birth, or leave out -ConsoleUser' }
if ($missing.Count -gt 0) { Stop-WithError ("missing:`n  - " + ($missing -join "`n  - ")) }
Write-Host '  all present'

Write-Step 'Installing or updating nanoff'
if (Get-Command nanoff -ErrorAction SilentlyContinue) {
    Invoke-Tool 'dotnet' @('tool', 'update', '--global', 'nanoff') 'update nanoff' | Out-Null
} else {
    Invoke-Tool 'dotnet' @('tool', 'install', '--global', 'nanoff') 'install nanoff' | Out-Null
}

Write-Step 'Looking for the board'
$ports = Invoke-Tool 'nanoff' @('--listports') 'list serial ports'
if ($ports -and ($ports -notmatch [regex]::Escape($Port))) {
    Stop-WithError "no board on $Port. Ports seen:`n$ports`nCheck the USB cable (a data cable, not a charging one) and the driver."
}

Write-Step "Flashing the nanoFramework runtime ($($info.Target))"
if ($SkipRuntime) {
    Write-Host '  skipped (-SkipRuntime)'
} else {
    Write-Host '  if it does not start, hold the board''s BOOT button while it connects'
    Invoke-Tool 'nanoff' @('--update', '--target', $info.Target, '--serialport', $Port, '--masserase') 'flash the runtime' | Out-Null
}

Write-Step 'Deploying the application'
Invoke-Tool 'nanoff' @('--target', $info.Target, '--serialport', $Port, '--deploy', '--image', (Resolve-Path $Image).Path) 'deploy the application' | Out-Null

Write-Step 'Putting the device config and secrets on the board'
$deploymentFile = Join-Path ([System.IO.Path]::GetTempPath()) "kiosk-files-$($info.DeviceId).json"
if ($PSCmdlet.ShouldProcess($deploymentFile, 'write the file deployment list')) {
    New-FileDeployment $info $Port $deploymentFile | Out-Null
}
try {
    Invoke-Tool 'nanoff' @('--serialport', $Port, '--filedeployment', $deploymentFile) 'copy config.json and secrets.json to I:\kiosk' | Out-Null
} finally {
    # The list names the secrets file: do not leave it lying around.
    if (Test-Path $deploymentFile) { Remove-Item $deploymentFile }
}

Write-Step 'Waiting for the board to come online'
if (-not $ConsoleUser) {
    Write-Host '  skipped: pass -ConsoleUser and -ConsolePassword to watch the broker for the birth'
    exit 0
}
$topic = "kiosk/v1/$($info.Site)/$($info.DeviceId)/status"
$password = [System.Net.NetworkCredential]::new('', $ConsolePassword).Password
$subscribe = @('-h', $info.BrokerHost, '-p', "$($info.BrokerPort)", '-u', $ConsoleUser, '-P', $password, '-t', $topic, '-C', '1', '-W', "$BirthTimeoutSeconds")
if ($info.Tls) { $subscribe += @('--capath', '/etc/ssl/certs') }
$birth = Invoke-Tool 'mosquitto_sub' $subscribe "wait up to $BirthTimeoutSeconds s for the birth on $topic"
if ($WhatIfPreference) { exit 0 }
if ($birth -match '"state":"online"') {
    Write-Host "OK: $($info.DeviceId) is online." -ForegroundColor Green
    exit 0
}
Stop-WithError "no birth from $($info.DeviceId) on $topic within $BirthTimeoutSeconds s (got: '$birth'). Check the network cable or Wi-Fi, the broker address in config.json, and the device's credentials on the broker."
