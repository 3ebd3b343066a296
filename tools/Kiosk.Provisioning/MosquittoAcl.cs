using System.Collections.Generic;
using System.Text;
using Kiosk.Core.Protocol;

namespace Kiosk.Provisioning;

/// <summary>One device the broker must know: its site, id and broker credentials.</summary>
public sealed record BrokerAccount(string Site, string DeviceId, string Username, string Password);

/// <summary>
/// Mosquitto ACL and password entries for a site: each device may publish only under its own
/// topics (and reply only on its own reply topic) and read only its own commands and status; only
/// the console user may publish commands. A device that is taken over cannot speak for another.
/// </summary>
public static class MosquittoAcl
{
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
}
