using System.Collections.Generic;
using System;
using System.IO;

namespace Kiosk.DutyRoom;

/// <summary>How the console runs: where it keeps its data, which broker it joins, where it listens.</summary>
public sealed class ConsoleOptions
{
    /// <summary>Database file, Data Protection key ring and setup code live here.</summary>
    public string DataFolder { get; set; } = Path.Combine(Environment.CurrentDirectory, ".kiosk-dutyroom");

    /// <summary>"sqlite:PATH" or "postgres:CONNECTION-STRING"; null: SQLite at DataFolder/dutyroom.db.</summary>
    public string? Database { get; set; }

    public string Urls { get; set; } = "http://127.0.0.1:5080";
    public string BrokerHost { get; set; } = "127.0.0.1";
    public int BrokerPort { get; set; } = 1883;

    /// <summary>
    /// Other brokers of a cluster, tried in turn after <see cref="BrokerHost"/> when a connection fails
    /// or is lost (the boards' mqtt.failover, for the console): the first that answers is kept.
    /// </summary>
    public IReadOnlyList<(string Host, int Port)> FailoverBrokers { get; set; } = [];

    /// <summary>Every broker the console may use, its own first.</summary>
    public IReadOnlyList<(string Host, int Port)> Brokers => [(BrokerHost, BrokerPort), .. FailoverBrokers];
    public bool BrokerTls { get; set; }
    public string? BrokerCaFile { get; set; }
    public string? BrokerUsername { get; set; }
    public string? BrokerPassword { get; set; }
    public string ClientId { get; set; } = "dutyroom-" + Environment.MachineName.ToLowerInvariant();

    /// <summary>
    /// "5" (default) or "3.1.1": RabbitMQ 3.x's MQTT plugin speaks 3.1.1 only and closes an MQTT 5
    /// connect unanswered (docs/deployment.md). On 3.1.1 the console keeps its session with a clean-session
    /// flag of false (no expiry interval), sends commands without the MQTT 5 response topic (boards reply
    /// on their reply topic either way) and has no shared subscriptions.
    /// </summary>
    public string MqttVersion { get; set; } = "5";

    public bool Mqtt311 => MqttVersion == "3.1.1";

    /// <summary>
    /// Scale-out: consoles sharing one PostgreSQL name the same group here, and take the events through
    /// the MQTT 5 shared subscription $share/GROUP/… where the broker has them (each console its share).
    /// Null (one console): every event comes to this one. Exactly-once holds either way (the archive's key).
    /// </summary>
    public string? ShareGroup { get; set; }

    /// <summary>An online entrance with no message for this long is shown stale (3 heartbeats of 30 s).</summary>
    public int StaleAfterSeconds { get; set; } = 90;

    /// <summary>How long the console waits for a device's reply to a command before showing "timeout".</summary>
    public int CommandTimeoutSeconds { get; set; } = 5;

    /// <summary>Door control outside calls (open, lock-down) is for administrators unless this is set.</summary>
    public bool OperatorsMayControlDoors { get; set; }

    /// <summary>How long events are kept (at least 180 days, GB 50396).</summary>
    public int RetentionDays { get; set; } = Data.EventArchive.DefaultRetentionDays;

    /// <summary>PIPL: visitor details (name, mobile, plate, household, masked ID) are erased from call records after this many days.</summary>
    public int VisitorRetentionDays { get; set; } = Data.CallStore.DefaultVisitorRetentionDays;

    /// <summary>The site's time zone (IANA id): every time on screen and in exports is shown in it, 24-hour.</summary>
    public string TimeZone { get; set; } = Localization.SiteTime.DefaultZone;

    /// <summary>The console's language where the operator has not chosen one and before sign-in with no browser preference.</summary>
    public string DefaultLanguage { get; set; } = Localization.ConsoleCultures.Chinese;

    /// <summary>The estate's name on the printed monthly report (枫林苑); null: the registry's site ids.</summary>
    public string? EstateName { get; set; }

    // ---- hardening (issue 20) ----

    /// <summary>How often an open screen checks that its operator is still enabled and in the same role (seconds); changes made in this console reach it at once.</summary>
    public int AccountRecheckSeconds { get; set; } = 10;

    /// <summary>
    /// Addresses of the TLS reverse proxies in front of the console: their X-Forwarded-For and
    /// X-Forwarded-Proto are believed (client address for sign-in throttling, https for Secure cookies);
    /// nobody else's. Empty: the headers are ignored.
    /// </summary>
    public System.Collections.Generic.List<string> KnownProxies { get; set; } = [];

    public string DatabaseSpec => Database ?? "sqlite:" + Path.Combine(DataFolder, "dutyroom.db");

    // Cameras (issue 19): docs/operator-guide.md#camera-pictures, docs/installer-guide.md#entrance-cameras.

    /// <summary>Where kept pictures are written; null: a "pictures" folder beside the SQLite file (PostgreSQL: in the data folder).</summary>
    public string? PictureFolder { get; set; }

    /// <summary>The kept pictures' size cap; at it the oldest go first (an alarm says so when they were still inside retention).</summary>
    public long PictureCapBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>A camera that has not given its picture within this is "unavailable" for this refresh.</summary>
    public int CameraTimeoutMilliseconds { get; set; } = 1500;

    /// <summary>Larger answers are refused (a 1080p JPEG is 200–600 KB).</summary>
    public int CameraMaxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The live picture of a ringing or answered call is refreshed this often.</summary>
    public int CameraRefreshMilliseconds { get; set; } = 1500;

    public string PictureFolderPath => PictureFolder
        ?? (DatabaseSpec.StartsWith("sqlite:", StringComparison.Ordinal)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(DatabaseSpec["sqlite:".Length..]))!, "pictures")
            : Path.Combine(DataFolder, "pictures"));
}
