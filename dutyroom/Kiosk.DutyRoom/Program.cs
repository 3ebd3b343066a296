using System;
using System.Collections.Generic;
using System.Linq;
using System.CommandLine;
using Microsoft.Extensions.Hosting;
using System.IO;
using System.Text.Json;
using Kiosk.DutyRoom;
using Kiosk.DutyRoom.Data;
using Microsoft.AspNetCore.DataProtection;

// The duty-room console. With no command it serves; `add-operator` and `add-device` work on the
// same data folder (the first administrator can be made here instead of through /setup).
var data = new Option<string>("--data") { Description = "data folder (database, key ring)", DefaultValueFactory = _ => Path.Combine(Environment.CurrentDirectory, ".kiosk-dutyroom") };
var db = new Option<string?>("--db") { Description = "sqlite:PATH or postgres:CONNECTION-STRING (default: SQLite in the data folder)" };

var urls = new Option<string>("--urls") { Description = "where to listen", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
var broker = new Option<string>("--broker") { Description = "HOST:PORT of the site's broker (a cluster: HOST:PORT,HOST:PORT,… tried in turn)", DefaultValueFactory = _ => "127.0.0.1:1883" };
var tls = new Option<bool>("--tls") { Description = "connect to the broker with TLS" };
var ca = new Option<string?>("--ca") { Description = "PEM of the CA that signed the broker's certificate" };
var user = new Option<string?>("--username") { Description = "the console's broker user" };
var password = new Option<string?>("--password") { Description = "the console's broker password (or KIOSK_BROKER_PASSWORD)" };
var doors = new Option<bool>("--operators-control-doors") { Description = "let operators (not only administrators) open and lock down outside calls" };
var retention = new Option<int>("--retention-days") { Description = "keep events this long (at least 180)", DefaultValueFactory = _ => EventArchive.DefaultRetentionDays };

var visitorRetention = new Option<int>("--visitor-retention-days") { Description = "erase visitor details from call records after this many days (PIPL)", DefaultValueFactory = _ => CallStore.DefaultVisitorRetentionDays };
var timeZone = new Option<string>("--time-zone") { Description = "the site's time zone (IANA id); times are shown in it", DefaultValueFactory = _ => Kiosk.DutyRoom.Localization.SiteTime.DefaultZone };
var language = new Option<string>("--language") { Description = "default language: zh-CN or en (each operator may choose their own)", DefaultValueFactory = _ => Kiosk.DutyRoom.Localization.ConsoleCultures.Chinese };

var estate = new Option<string?>("--estate") { Description = "the estate's name on the printed monthly report (枫林苑)" };
// Cameras (issue 19): where kept pictures go and how much they may take.
var pictures = new Option<string?>("--pictures") { Description = "folder for the pictures kept with calls and alarms (default: 'pictures' beside the SQLite file; PostgreSQL: in the data folder)" };
var pictureCap = new Option<long>("--picture-cap-mb") { Description = "size cap of the kept pictures in MiB (oldest go first; an alarm says so inside retention)", DefaultValueFactory = _ => 16384 };
var knownProxy = new Option<string[]>("--known-proxy") { Description = "address of the TLS reverse proxy in front of the console (repeat for more): its X-Forwarded-For/-Proto are believed", AllowMultipleArgumentsPerToken = false };
// Scale-out (docs/deployment.md): several consoles on one PostgreSQL, each its own client id, one share group.
var clientId = new Option<string?>("--client-id") { Description = "the console's MQTT client id (default dutyroom-MACHINE; each console of a scale-out its own)" };
var shareGroup = new Option<string?>("--share-group") { Description = "consoles on one database: take events through $share/GROUP/… where the broker has shared subscriptions" };
// RabbitMQ 3.x (a clustered broker, docs/deployment.md) speaks MQTT 3.1.1 only.
var mqttVersion = new Option<string>("--mqtt-version") { Description = "5 or 3.1.1 (RabbitMQ 3.x's MQTT plugin)", DefaultValueFactory = _ => "5" };
mqttVersion.AcceptOnlyFromAmong("5", "3.1.1");
var root = new RootCommand("Gatehouse Kiosk duty-room console") { data, db, urls, broker, tls, ca, user, password, doors, retention, visitorRetention, timeZone, language, estate, pictures, pictureCap, knownProxy, clientId, shareGroup, mqttVersion };
root.SetAction(async (r, ct) =>
{
    // HOST:PORT, or a cluster's nodes HOST:PORT,HOST:PORT,… (the first is used first, the others in turn when it fails).
    var brokers = new List<(string Host, int Port)>();
    foreach (var item in r.GetValue(broker)!.Split(',', StringSplitOptions.TrimEntries))
    {
        var hostPort = item.Split(':');
        if (hostPort.Length != 2 || hostPort[0].Length == 0 || !int.TryParse(hostPort[1], out var p) || p is < 1 or > 65535)
        {
            Console.Error.WriteLine($"--broker: '{item}' is not HOST:PORT");
            return 2;
        }
        brokers.Add((hostPort[0], p));
    }
    var (brokerHost, port) = brokers[0];
    var options = new ConsoleOptions
    {
        DataFolder = r.GetValue(data)!,
        Database = r.GetValue(db),
        Urls = r.GetValue(urls)!,
        BrokerHost = brokerHost,
        BrokerPort = port,
        FailoverBrokers = brokers.Skip(1).ToList(),
        BrokerTls = r.GetValue(tls),
        BrokerCaFile = r.GetValue(ca),
        BrokerUsername = r.GetValue(user),
        BrokerPassword = r.GetValue(password) ?? Environment.GetEnvironmentVariable("KIOSK_BROKER_PASSWORD"),
        OperatorsMayControlDoors = r.GetValue(doors),
        RetentionDays = r.GetValue(retention),
        VisitorRetentionDays = r.GetValue(visitorRetention),
        TimeZone = r.GetValue(timeZone)!,
        DefaultLanguage = r.GetValue(language)!,
        EstateName = string.IsNullOrWhiteSpace(r.GetValue(estate)) ? null : r.GetValue(estate)!.Trim(),
        PictureFolder = r.GetValue(pictures),
        PictureCapBytes = r.GetValue(pictureCap) * 1024 * 1024,
        KnownProxies = [.. r.GetValue(knownProxy) ?? []],
        ShareGroup = string.IsNullOrWhiteSpace(r.GetValue(shareGroup)) ? null : r.GetValue(shareGroup)!.Trim(),
        MqttVersion = r.GetValue(mqttVersion)!,
    };
    if (!string.IsNullOrWhiteSpace(r.GetValue(clientId)))
        options.ClientId = r.GetValue(clientId)!.Trim();
    if (options.PictureCapBytes < 16L * 1024 * 1024)
    {
        Console.Error.WriteLine("--picture-cap-mb: at least 16");
        return 2;
    }
    try
    {
        var app = ConsoleApp.Build(options);
        if (app.SetupLink() is { } link)
        {
            Console.WriteLine($"duty room: no operators yet. Create the first administrator at {link}");
            Console.WriteLine("           (or: dotnet run --project dutyroom/Kiosk.DutyRoom -- add-operator --admin ...)");
        }
        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
});

var username = new Option<string>("--user") { Description = "sign-in name (a-z 0-9 . _ -)", Required = true };
var display = new Option<string>("--name") { Description = "name shown on screens", Required = true };
var admin = new Option<bool>("--admin") { Description = "administrator (else operator)" };
var addOperator = new Command("add-operator", "add an operator; the password is read from standard input") { data, db, username, display, admin };
addOperator.SetAction(r =>
{
    var stores = Open(r.GetValue(data)!, r.GetValue(db));
    Console.Error.Write("password (at least 10 characters): ");
    var secret = Console.In.ReadLine() ?? "";
    try
    {
        var op = stores.Operators.Create(r.GetValue(username)!, r.GetValue(display)!, secret, r.GetValue(admin) ? Roles.Administrator : Roles.Operator, DateTimeOffset.UtcNow);
        stores.Audit.Record("(command line)", "operator.create", op.Username, op.Role, "ok", DateTimeOffset.UtcNow);
        Console.WriteLine($"added {op.Role} '{op.Username}'");
        return 0;
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});
root.Subcommands.Add(addOperator);

// Issue 20: a forgotten password (the only administrator's too) is reset here, on the console's own machine.
var resetUser = new Option<string>("--user") { Description = "sign-in name of the operator", Required = true };
var resetPassword = new Command("reset-password", "set a new password for an operator; it is read from standard input") { data, db, resetUser };
resetPassword.SetAction(r =>
{
    var stores = Open(r.GetValue(data)!, r.GetValue(db));
    var name = r.GetValue(resetUser)!.Trim().ToLowerInvariant();
    Console.Error.Write($"new password for '{name}' (at least {OperatorStore.MinPasswordLength} characters): ");
    var secret = Console.In.ReadLine() ?? "";
    try
    {
        if (stores.Operators.FindIncludingDisabled(name) is null)
            throw new ArgumentException($"no operator '{name}'");
        stores.Operators.SetPassword(name, secret);
        stores.Audit.Record("(command line)", "operator.password-reset", name, "", "ok", DateTimeOffset.UtcNow);
        Console.WriteLine($"password of '{name}' reset");
        return 0;
    }
    catch (ArgumentException e)
    {
        stores.Audit.Record("(command line)", "operator.password-reset", name, e.Message, "refused", DateTimeOffset.UtcNow);
        Console.Error.WriteLine(e.Message);
        return 1;
    }
});
root.Subcommands.Add(resetPassword);

var entry = new Argument<string>("export") { Description = "the JSON `kiosk-provision export` printed (a file)" };
var label = new Option<string?>("--label") { Description = "name shown on screens (default: the device id)" };
var addDevice = new Command("add-device", "register an entrance from `kiosk-provision export` output") { data, db, entry, label };
addDevice.SetAction(r =>
{
    var stores = Open(r.GetValue(data)!, r.GetValue(db));
    try
    {
        using var json = JsonDocument.Parse(File.ReadAllText(r.GetValue(entry)!));
        var e = json.RootElement;
        var device = e.GetProperty("deviceId").GetString()!;
        stores.Devices.Add(e.GetProperty("site").GetString()!, device, r.GetValue(label) ?? device, e.GetProperty("commandKey").GetString()!, "(command line)", DateTimeOffset.UtcNow);
        stores.Audit.Record("(command line)", "device.add", device, "from provisioning export", "ok", DateTimeOffset.UtcNow);
        Console.WriteLine($"registered {device}");
        return 0;
    }
    catch (Exception e) when (e is ArgumentException or JsonException or IOException or System.Collections.Generic.KeyNotFoundException or InvalidOperationException)
    {
        Console.Error.WriteLine($"{r.GetValue(entry)}: {e.Message}");
        return 1;
    }
});
root.Subcommands.Add(addDevice);

root.Subcommands.Add(Kiosk.DutyRoom.Cameras.SetCameraCommand.Create(data, db)); // issue 19: an entrance's camera

return await root.Parse(args).InvokeAsync();

static Stores Open(string dataFolder, string? database)
{
    Directory.CreateDirectory(dataFolder);
    var options = new ConsoleOptions { DataFolder = dataFolder, Database = database };
    return new Stores(ConsoleDb.Parse(options.DatabaseSpec), ConsoleProtection.Create(dataFolder));
}
