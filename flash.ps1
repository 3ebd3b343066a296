#Requires -Version 7.0
<#
.SYNOPSIS
    Flashes a Gatehouse Kiosk controller: the pinned nanoFramework runtime, the application, the
    device's config and secrets, then waits for the board's fresh birth message on the broker.

.DESCRIPTION
    Run it on the installer's laptop with the board on USB. Every step says what it does; -WhatIf
    (or -DryRun) prints every step and every command without touching hardware or the network.

      1. check prerequisites (PowerShell 7, .NET SDK, the image, the runtime version pinned in the
         board profile; mosquitto_sub for step 7) and say exactly what is missing;
      2. install or update nanoff (needs internet: NuGet; an installed nanoff is used when offline);
      3. list serial ports and check the board's is there (exact name);
      4. flash the nanoFramework runtime version the board profile pins (needs internet unless
         nanoff has that version cached);
      5. deploy the application (Kiosk.Firmware.bin, built in Visual Studio);
      6. put config.json and secrets.json (made by kiosk-provision) on the board's flash (I:\kiosk),
         and check nanoff's report that each file landed;
      7. wait for the board's "online" birth on the broker, newer than the one retained before
         flashing, as the broker's read-only installer user.

    See docs/installer-guide.md.

.EXAMPLE
    ./flash.ps1 -Device ./devices/north-gate -Port COM5 -Image ./firmware/Kiosk.Firmware/bin/Release/Kiosk.Firmware.bin -BrokerUser installer -BrokerPasswordFile ./broker/installer-password.txt

.EXAMPLE
    ./flash.ps1 -Device ./devices/north-gate -Port /dev/ttyUSB0 -Image ./Kiosk.Firmware.bin -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    # Folder written by 'kiosk-provision new': holds config.json and secrets.json.
    [Parameter(Mandatory = $true)] [string] $Device,
    # Serial port of the board (COM5, /dev/ttyUSB0, /dev/cu.usbserial-0001), exactly as nanoff lists it.
    [Parameter(Mandatory = $true)] [string] $Port,
    # The application's deployment image from the Visual Studio build.
    [Parameter(Mandatory = $true)] [string] $Image,
    # Broker user that watches for the birth (step 7): the read-only 'installer' user that
    # 'kiosk-provision acl' writes. Not the console's user: one user holds one connection, so it
    # would knock the duty-room console off the broker.
    [Alias('ConsoleUser')] [string] $BrokerUser,
    [Alias('ConsolePassword')] [securestring] $BrokerPassword,
    # File whose first line is that user's password (broker/installer-password.txt).
    [string] $BrokerPasswordFile,
    # Runtime version to flash instead of the one the board profile pins.
    [string] $FirmwareVersion,
    [int] $BirthTimeoutSeconds = 120,
    # Skip step 4 when the board already runs the pinned nanoFramework runtime.
    [switch] $SkipRuntime,
    # Same as -WhatIf.
    [switch] $DryRun
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
if ($DryRun) { $WhatIfPreference = $true }
$script:StepNumber = 0
# mosquitto_sub's exit code when -W runs out with no message.
$script:MosquittoTimedOut = 27

function Write-Step([string] $Title) {
    $script:StepNumber++
    Write-Host ""
    Write-Host ("[{0}/7] {1}" -f $script:StepNumber, $Title) -ForegroundColor Cyan
}

function Stop-WithError([string] $Message) {
    Write-Host "FAILED: $Message" -ForegroundColor Red
    exit 1
}

# Runs an external command, or only prints it under -WhatIf. Arguments never hold a secret (the
# broker password goes through mosquitto_sub's options file), so the printed line is safe to share.
# Returns the exit code and output; fails on a non-zero exit unless -NoFail.
function Invoke-Tool([string] $Tool, [string[]] $Arguments, [string] $What, [switch] $NoFail) {
    $line = "$Tool $($Arguments -join ' ')"
    if (-not $PSCmdlet.ShouldProcess($line, $What)) {
        Write-Host "  would run: $line"
        return [pscustomobject]@{ ExitCode = 0; Output = ''; Ran = $false }
    }
    Write-Host "  running: $line"
    $output = (& $Tool @Arguments 2>&1 | ForEach-Object { "$_" }) -join "`n"
    $code = $LASTEXITCODE
    if ($code -ne 0 -and -not $NoFail) {
        Stop-WithError "$What failed (exit $code):`n$output"
    }
    return [pscustomobject]@{ ExitCode = $code; Output = $output; Ran = $true }
}

# The device's config, secrets and board profile: everything later steps need.
function Read-DeviceFolder([string] $Folder) {
    $configPath = Join-Path $Folder 'config.json'
    $secretsPath = Join-Path $Folder 'secrets.json'
    foreach ($path in @($configPath, $secretsPath)) {
        if (-not (Test-Path $path -PathType Leaf)) { Stop-WithError "$path not found: create the device with 'kiosk-provision new' first" }
    }
    $config = Get-Content $configPath -Raw | ConvertFrom-Json
    $secrets = Get-Content $secretsPath -Raw | ConvertFrom-Json
    $profilePath = Join-Path $PSScriptRoot "hardware/boards/$($config.board).json"
    if (-not (Test-Path $profilePath)) { Stop-WithError "board '$($config.board)' in $configPath has no profile at $profilePath" }
    $boardProfile = Get-Content $profilePath -Raw | ConvertFrom-Json
    $mqtt = if ($config.PSObject.Properties['mqtt']) { $config.mqtt } else { $null }
    return [pscustomobject]@{
        ConfigPath      = (Resolve-Path $configPath).Path
        SecretsPath     = (Resolve-Path $secretsPath).Path
        Site            = $config.site
        DeviceId        = $config.deviceId
        Board           = $config.board
        Target          = $boardProfile.firmwareTarget
        PinnedVersion   = if ($boardProfile.PSObject.Properties['firmwareVersion']) { $boardProfile.firmwareVersion } else { $null }
        Module          = if ($boardProfile.PSObject.Properties['module']) { $boardProfile.module } else { $null }
        BrokerHost      = if ($mqtt) { $mqtt.host } else { $null }
        BrokerPort      = if ($mqtt -and $mqtt.PSObject.Properties['port']) { $mqtt.port } else { 8883 }
        Tls             = if ($mqtt -and $mqtt.PSObject.Properties['tls']) { [bool]$mqtt.tls } else { $true }
        CaCertificate   = if ($secrets.PSObject.Properties['caCertificate']) { $secrets.caCertificate } else { $null }
    }
}

# nanoff's file deployment list (nanoff README, "Deploy file to device storage"): what goes where.
function New-FileDeployment([pscustomobject] $DeviceInfo, [string] $SerialPort, [string] $Path) {
    $deployment = [ordered]@{
        SerialPort = $SerialPort
        Files      = @(
            [ordered]@{ DestinationFilePath = 'I:\kiosk\config.json'; SourceFilePath = $DeviceInfo.ConfigPath },
            [ordered]@{ DestinationFilePath = 'I:\kiosk\secrets.json'; SourceFilePath = $DeviceInfo.SecretsPath }
        )
    }
    $deployment | ConvertTo-Json -Depth 4 | Set-Content -Path $Path -Encoding utf8
    return $deployment.Files
}

# nanoff exits 0 even when a file fails; it reports each one as "Deploying file SRC to DEST...OK".
function Assert-FilesLanded($Files, [string] $Output) {
    $missing = @($Files | Where-Object {
        $Output -notmatch ([regex]::Escape("Deploying file $($_.SourceFilePath) to $($_.DestinationFilePath)...") + '\s*OK')
    } | ForEach-Object { $_.DestinationFilePath })
    if ($missing.Count -gt 0) {
        Stop-WithError "nanoff did not confirm $($missing -join ', ') (it exits 0 even when a file fails). Its report:`n$Output"
    }
}

# mosquitto_sub reads default options from a file named by the environment; the password goes
# there (owner-only, in a fresh temporary folder), never on the command line or in the process list.
function Invoke-MosquittoSub([string[]] $Arguments, [string] $What, [string] $User, [string] $Password) {
    if (-not $PSCmdlet.ShouldProcess("mosquitto_sub $($Arguments -join ' ')", $What)) {
        Write-Host "  would run: mosquitto_sub $($Arguments -join ' ') (user and password from a temporary options file)"
        return [pscustomobject]@{ ExitCode = 0; Output = ''; Ran = $false }
    }
    $folder = [System.IO.Directory]::CreateTempSubdirectory('kiosk-flash-').FullName
    $onWindows = [System.OperatingSystem]::IsWindows()
    $variable = if ($onWindows) { 'USERPROFILE' } else { 'XDG_CONFIG_HOME' }
    $optionsFile = Join-Path $folder ($(if ($onWindows) { 'mosquitto_sub.conf' } else { 'mosquitto_sub' }))
    $saved = [System.Environment]::GetEnvironmentVariable($variable)
    try {
        [System.IO.File]::WriteAllText($optionsFile, "-u $User`n-P $Password`n")
        [System.Environment]::SetEnvironmentVariable($variable, $folder)
        return Invoke-Tool 'mosquitto_sub' $Arguments $What -NoFail
    } finally {
        [System.Environment]::SetEnvironmentVariable($variable, $saved)
        Remove-Item -LiteralPath $folder -Recurse -Force -WhatIf:$false
    }
}

function Get-BrokerPassword {
    if ($BrokerPasswordFile) {
        if (-not (Test-Path $BrokerPasswordFile -PathType Leaf)) { Stop-WithError "-BrokerPasswordFile: no such file '$BrokerPasswordFile'" }
        return (Get-Content -LiteralPath $BrokerPasswordFile -TotalCount 1).TrimEnd()
    }
    return [System.Net.NetworkCredential]::new('', $BrokerPassword).Password
}

Write-Host "Gatehouse Kiosk installer: $Device on $Port" -ForegroundColor White
$info = Read-DeviceFolder $Device
$version = if ($FirmwareVersion) { $FirmwareVersion } else { $info.PinnedVersion }
Write-Host "  device $($info.Site)/$($info.DeviceId), board $($info.Board) ($($info.Module)), runtime $($info.Target) $version, broker $($info.BrokerHost):$($info.BrokerPort)"

Write-Step 'Checking prerequisites'
$missing = @()
if ($PSVersionTable.PSVersion.Major -lt 7) { $missing += "PowerShell 7 (you have $($PSVersionTable.PSVersion))" }
if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { $missing += '.NET SDK 10 (dotnet), from https://dot.net' }
if (-not (Test-Path $Image -PathType Leaf)) { $missing += "the application image $Image (build Kiosk.Firmware in Visual Studio first)" }
if (-not $SkipRuntime -and -not $version) {
    $missing += "a runtime version: hardware/boards/$($info.Board).json pins none (firmwareVersion). Flashing the newest runtime under an app built for CoreLibrary 1.17.11 is how native-assembly mismatches happen: set the version the app was tested with, or pass -FirmwareVersion"
}
if ($BrokerUser) {
    if (-not (Get-Command mosquitto_sub -ErrorAction SilentlyContinue)) { $missing += 'mosquitto_sub (Mosquitto clients) to watch for the birth, or leave out -BrokerUser' }
    if (-not $BrokerPassword -and -not $BrokerPasswordFile) { $missing += "the password of broker user '$BrokerUser': -BrokerPasswordFile ./broker/installer-password.txt" }
    if (-not $info.BrokerHost) { $missing += "an mqtt section in $($info.ConfigPath) (the board has no broker to announce itself on)" }
    if ($info.Tls -and -not $info.CaCertificate) { $missing += "the broker's CA in $($info.SecretsPath) (caCertificate), to check the broker as the board does" }
}
if ($missing.Count -gt 0) { Stop-WithError ("missing:`n  - " + ($missing -join "`n  - ")) }
Write-Host '  all present'

Write-Step 'Installing or updating nanoff (needs internet)'
if (Get-Command nanoff -ErrorAction SilentlyContinue) {
    $update = Invoke-Tool 'dotnet' @('tool', 'update', '--global', 'nanoff') 'update nanoff' -NoFail
    if ($update.ExitCode -ne 0) {
        Write-Host "  WARNING: could not update nanoff (exit $($update.ExitCode); no internet?): going on with the installed one" -ForegroundColor Yellow
    }
} else {
    $install = Invoke-Tool 'dotnet' @('tool', 'install', '--global', 'nanoff') 'install nanoff' -NoFail
    if ($install.ExitCode -ne 0) {
        Stop-WithError "nanoff is not installed and could not be installed (exit $($install.ExitCode)). Installing it needs internet (NuGet): connect once, or install it beforehand with 'dotnet tool install --global nanoff'.`n$($install.Output)"
    }
}

Write-Step 'Looking for the board'
$ports = Invoke-Tool 'nanoff' @('--listports') 'list serial ports'
if ($ports.Ran) {
    # nanoff prints one port per line, indented; compare whole names (COM1 is not COM12).
    $seen = @($ports.Output -split "`r?`n" | ForEach-Object { $_.Trim() } | Where-Object { $_ -and $_ -notmatch ':$' -and $_ -notmatch '^No available' })
    $found = if ([System.OperatingSystem]::IsWindows()) { $seen -icontains $Port } else { $seen -ccontains $Port }
    if (-not $found) {
        Stop-WithError "no board on $Port. Ports seen: $(if ($seen) { $seen -join ', ' } else { 'none' }). Check the USB cable (a data cable, not a charging one) and the driver."
    }
}

$topic = "kiosk/v1/$($info.Site)/$($info.DeviceId)/status"
$brokerArgs = @()
$caFile = $null
$before = ''
if ($BrokerUser) {
    $password = Get-BrokerPassword
    $brokerArgs = @('-h', $info.BrokerHost, '-p', "$($info.BrokerPort)", '-t', $topic)
    if ($info.Tls) {
        # The site CA from the device's own secrets: the check trusts exactly what the board trusts.
        $caFile = Join-Path ([System.IO.Path]::GetTempPath()) "kiosk-ca-$($info.DeviceId).pem"
        if ($PSCmdlet.ShouldProcess($caFile, 'write the site CA for mosquitto_sub')) { Set-Content -Path $caFile -Value $info.CaCertificate -NoNewline }
        $brokerArgs += @('--cafile', $caFile)
    }
    # The birth retained from an earlier boot, so step 7 does not take it for this one.
    $old = Invoke-MosquittoSub ($brokerArgs + @('-C', '1', '-W', '5', '--retained-only')) 'read the status retained from the last boot' $BrokerUser $password
    if ($old.ExitCode -eq 0) { $before = $old.Output.Trim() }
    elseif ($old.ExitCode -ne $script:MosquittoTimedOut) { Write-Host "  WARNING: cannot read the broker now (exit $($old.ExitCode)): $($old.Output)" -ForegroundColor Yellow }
}

try {
    Write-Step "Flashing the nanoFramework runtime ($($info.Target) $version; downloads it unless nanoff has it cached)"
    if ($SkipRuntime) {
        Write-Host '  skipped (-SkipRuntime)'
    } else {
        Write-Host '  if it does not start, hold the board''s BOOT button while it connects'
        Invoke-Tool 'nanoff' @('--update', '--target', $info.Target, '--fwversion', $version, '--serialport', $Port, '--masserase') 'flash the runtime' | Out-Null
    }

    Write-Step 'Deploying the application'
    Invoke-Tool 'nanoff' @('--target', $info.Target, '--serialport', $Port, '--deploy', '--image', (Resolve-Path $Image).Path) 'deploy the application' | Out-Null

    Write-Step 'Putting the device config and secrets on the board'
    $deploymentFile = Join-Path ([System.IO.Path]::GetTempPath()) "kiosk-files-$($info.DeviceId).json"
    $files = $null
    if ($PSCmdlet.ShouldProcess($deploymentFile, 'write the file deployment list')) {
        $files = New-FileDeployment $info $Port $deploymentFile
    }
    try {
        $copy = Invoke-Tool 'nanoff' @('--serialport', $Port, '--filedeployment', $deploymentFile) 'copy config.json and secrets.json to I:\kiosk'
        if ($copy.Ran) { Assert-FilesLanded $files $copy.Output }
    } finally {
        if (Test-Path $deploymentFile) { Remove-Item $deploymentFile -WhatIf:$false }
    }

    Write-Step 'Waiting for the board to come online'
    if (-not $BrokerUser) {
        Write-Host '  skipped: pass -BrokerUser installer -BrokerPasswordFile broker/installer-password.txt to watch the broker for the birth'
        exit 0
    }
    $deadline = [DateTime]::UtcNow.AddSeconds($BirthTimeoutSeconds)
    $birth = Invoke-MosquittoSub ($brokerArgs + @('-C', '1', '-W', "$BirthTimeoutSeconds")) "wait up to $BirthTimeoutSeconds s for the birth on $topic" $BrokerUser $password
    if (-not $birth.Ran) { exit 0 }
    if ($birth.ExitCode -eq 0 -and $before -and $birth.Output.Trim() -eq $before) {
        # Only the stale retained birth so far: wait for a message published from now on (-R).
        $left = [int][Math]::Max(1, ($deadline - [DateTime]::UtcNow).TotalSeconds)
        $birth = Invoke-MosquittoSub ($brokerArgs + @('-C', '1', '-W', "$left", '-R')) "wait up to $left s for a birth newer than the retained one" $BrokerUser $password
    }
    if ($birth.ExitCode -eq $script:MosquittoTimedOut) {
        Stop-WithError "no birth from $($info.DeviceId) on $topic within $BirthTimeoutSeconds s. Check the network cable or Wi-Fi, the broker address in config.json, and the device's credentials on the broker ('kiosk-provision acl', then reload it)."
    }
    if ($birth.ExitCode -ne 0) {
        Stop-WithError "could not watch the broker as '$BrokerUser' (mosquitto_sub exit $($birth.ExitCode)): $($birth.Output)"
    }
    $status = $null
    try { $status = $birth.Output | ConvertFrom-Json } catch { $status = $null }
    if ($status -and $status.PSObject.Properties['state'] -and $status.state -eq 'online') {
        Write-Host "OK: $($info.DeviceId) is online (boot $($status.boot))." -ForegroundColor Green
        exit 0
    }
    Stop-WithError "the board's status on $topic is not a birth: '$($birth.Output)'. Its serial log (nanoff or Visual Studio) says why it went offline."
} finally {
    if ($caFile -and (Test-Path $caFile)) { Remove-Item $caFile -WhatIf:$false }
}
