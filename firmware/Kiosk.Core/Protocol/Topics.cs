namespace Kiosk.Core.Protocol
{
    /// <summary>
    /// The topic tree of one device, built once: kiosk/v1/&lt;site&gt;/&lt;device&gt;/{status,state,events,heartbeat,cmd,reply}.
    /// Site and device ids are validated as topic-safe by the config reader.
    /// </summary>
    public sealed class Topics
    {
        public const string Root = "kiosk/v1/";

        /// <summary>
        /// The MQTT client id of one device: its site and id, as unique as its broker user
        /// ("site.device"), so two estates' main gates on one broker never take over each other's session.
        /// </summary>
        public static string ClientId(string site, string deviceId)
        {
            return "kiosk-" + site + "." + deviceId;
        }

        public Topics(string site, string deviceId)
        {
            string prefix = Root + site + "/" + deviceId + "/";
            Status = prefix + "status";
            State = prefix + "state";
            Events = prefix + "events";
            Heartbeat = prefix + "heartbeat";
            Commands = prefix + "cmd";
            Replies = prefix + "reply";
        }

        /// <summary>Retained birth ("online") and last will ("offline"), with boot id and connection number.</summary>
        public string Status { get; }

        /// <summary>Retained snapshot of door, lock, call, lights and latched alarms.</summary>
        public string State { get; }

        /// <summary>Every event record, QoS 1, never retained.</summary>
        public string Events { get; }

        public string Heartbeat { get; }

        /// <summary>Signed commands to this device, QoS 1; never retained (a retained one is dropped).</summary>
        public string Commands { get; }

        /// <summary>Where replies go when the command names no reply topic (MQTT 3.1.1 without "reply").</summary>
        public string Replies { get; }
    }
}
