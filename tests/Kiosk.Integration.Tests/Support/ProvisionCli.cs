using System;
using System.Diagnostics;
using System.IO;

namespace Kiosk.Integration.Tests.Support;

/// <summary>Runs the installer's kiosk-provision as a process, as an installer would, with no terminal to ask on.</summary>
public static class ProvisionCli
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "kiosk-provision.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("kiosk-provision " + string.Join(' ', args) + " did not finish in 60 s");
        }
        return new Result(process.ExitCode, output.Result, errors.Result);
    }
}
