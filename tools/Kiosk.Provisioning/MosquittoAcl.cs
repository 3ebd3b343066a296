using System.Collections.Generic;
using System.Text;
using Kiosk.Core.Protocol;

namespace Kiosk.Provisioning;

/// <summary>One device the broker must know: its site, id and broker credentials.</summary>
public sealed record BrokerAccount(string Site, string DeviceId, string Username, string Password);

/// <summary>
/// Mosquitto ACL, password entries and settings for a site: each device may publish only under its
/// own topics (and reply only on its own reply topic) and read only its own commands and status; only
/// the console user may publish commands; the installer's user may only read statuses. A device that
/// is taken over cannot speak for another, nor take over another client's session.
/// </summary>
public static class MosquittoAcl
{
    public const string AclFile = "mosquitto.acl";
    public const string PasswordFile = "passwords.txt";
    public const string SettingsFile = "kiosk.conf";

    /// <summary>flash.ps1's broker user: reads statuses only, so watching for a birth never takes the console's session.</summary>
    public const string InstallerUser = "installer";

    /// <summary>Where the broker reads the files on a Debian-style install (kiosk.conf goes to /etc/mosquitto/conf.d).</summary>
    public const string DefaultBrokerDir = "/etc/mosquitto/kiosk";

    public static string Acl(IEnumerable<BrokerAccount> devices, string consoleUser)
    {
        var acl = new StringBuilder();
        acl.AppendLine("# Gatehouse Kiosk broker ACL, written by kiosk-provision. Anonymous clients get nothing.");
        var sites = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var device in devices)
        {
            sites.Add(device.Site);
            var topics = new Topics(device.Site, device.DeviceId);
            acl.AppendLine();
            acl.AppendLine($"user {device.Username}");
            foreach (var topic in new[] { topics.Status, topics.State, topics.Events, topics.Heartbeat, topics.Replies })
                acl.AppendLine($"topic write {topic}");
            acl.AppendLine($"topic read {topics.Commands}");
            acl.AppendLine($"topic read {topics.Status}");
        }
        acl.AppendLine();
        acl.AppendLine($"user {consoleUser}");
        foreach (var site in sites)
        {
            acl.AppendLine($"topic read {Topics.Root}{site}/#");
            acl.AppendLine($"topic write {Topics.Root}{site}/+/cmd");
        }
        acl.AppendLine();
        acl.AppendLine($"user {InstallerUser}");
        foreach (var site in sites)
            acl.AppendLine($"topic read {Topics.Root}{site}/+/status");
        return acl.ToString();
    }

    /// <summary>Plain "user:password" lines for `mosquitto_passwd -U FILE`, which hashes them in place.</summary>
    public static string PasswordLines(IEnumerable<BrokerAccount> accounts)
    {
        var lines = new StringBuilder();
        foreach (var account in accounts)
            lines.Append(account.Username).Append(':').Append(account.Password).Append('\n');
        return lines.ToString();
    }

    /// <summary>
    /// The broker settings the ACL relies on. use_username_as_clientid: without it any valid user
    /// could connect with another device's (or the console's) client id, knock that client off and
    /// fire its will; with it every client's id is its own user name. The listener and its TLS
    /// certificate stay the administrator's (mosquitto.conf).
    /// </summary>
    public static string BrokerConfig(string brokerDir)
    {
        var dir = brokerDir.TrimEnd('/');
        return "# Gatehouse Kiosk broker settings, written by kiosk-provision acl.\n"
            + "# Goes in /etc/mosquitto/conf.d/; the broker (user mosquitto) must be able to read both files below.\n"
            + "allow_anonymous false\n"
            + $"password_file {dir}/{PasswordFile}\n"
            + $"acl_file {dir}/{AclFile}\n"
            + "use_username_as_clientid true\n"
            + "set_tcp_nodelay true\n";
    }
}
