using System;
using System.CommandLine;
using System.IO;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// `set-camera`: an installer registers (replaces, or removes) an entrance's camera on the console
/// machine; the password is read from standard input, never from the command line (shell history).
/// </summary>
public static class SetCameraCommand
{
    public static Command Create(Option<string> data, Option<string?> db)
    {
        var device = new Option<string>("--device") { Description = "the entrance (a registered device id)", Required = true };
        var kind = new Option<string?>("--kind") { Description = "hikvision, dahua, onvif or url" };
        var address = new Option<string?>("--address") { Description = "hikvision/dahua: http://CAMERA; onvif: http://CAMERA/onvif/device_service; url: the JPEG's URL" };
        var auth = new Option<string>("--auth") { Description = "digest, basic or none", DefaultValueFactory = _ => CameraAuth.Digest };
        var user = new Option<string?>("--camera-user") { Description = "the camera's user (a viewer account, not admin)" };
        var remove = new Option<bool>("--remove") { Description = "remove the entrance's camera instead" };
        var command = new Command("set-camera", "register (or replace, or --remove) an entrance's camera; the password is read from standard input")
            { data, db, device, kind, address, auth, user, remove };
        command.SetAction(r =>
        {
            var folder = r.GetValue(data)!;
            Directory.CreateDirectory(folder);
            var console = ConsoleDb.Parse(new ConsoleOptions { DataFolder = folder, Database = r.GetValue(db) }.DatabaseSpec);
            var audit = new AuditLog(console);
            var registry = new CameraRegistry(console, ConsoleProtection.Create(folder));
            var entrance = r.GetValue(device)!;
            if (r.GetValue(remove))
            {
                var removed = registry.Remove(entrance);
                audit.Record("(command line)", "camera.remove", entrance, "", removed ? "ok" : "refused", DateTimeOffset.UtcNow);
                Console.WriteLine(removed ? $"removed the camera of {entrance}" : $"{entrance} has no camera");
                return removed ? 0 : 1;
            }
            var scheme = r.GetValue(auth)!;
            string? secret = null;
            if (scheme != CameraAuth.None)
            {
                Console.Error.Write("camera password: ");
                secret = Console.In.ReadLine() ?? "";
            }
            try
            {
                registry.Set(entrance, r.GetValue(kind) ?? "", r.GetValue(address) ?? "", scheme, r.GetValue(user), secret, "(command line)", DateTimeOffset.UtcNow);
                audit.Record("(command line)", "camera.set", entrance, $"{r.GetValue(kind)} {r.GetValue(address)} ({scheme})", "ok", DateTimeOffset.UtcNow);
                Console.WriteLine($"camera of {entrance}: {r.GetValue(kind)} at {r.GetValue(address)}, {scheme}");
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
