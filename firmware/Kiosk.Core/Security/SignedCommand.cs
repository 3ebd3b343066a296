namespace Kiosk.Core.Security
{
    /// <summary>
    /// A command as it is signed and verified: the fields the MAC covers, and the MAC. The
    /// duty-room console builds one with <see cref="CommandSigner"/>; the device parses one from the
    /// wire and checks it with <see cref="CommandVerifier"/>.
    /// </summary>
    public sealed class SignedCommand
    {
        /// <summary>Request id chosen by the sender; echoed in the reply. Not covered by the MAC (it only correlates).</summary>
        public string RequestId = "";

        public string DeviceId = "";

        /// <summary>unlock, lockdown, ack, answer, end, state, time.</summary>
        public string Command = "";

        /// <summary>The one argument ("on"/"off", a call id, an alarm kind number, a time); "" when none.</summary>
        public string Argument = "";

        /// <summary>Issued-at and expiry, seconds since 1970-01-01 UTC.</summary>
        public long IssuedAt;
        public long ExpiresAt;

        /// <summary>Strictly increasing per device (the console uses max(now in ms, last + 1)).</summary>
        public long Counter;

        /// <summary>Who sent it ("operator:li"); covered by the MAC so audit records cannot be forged.</summary>
        public string Sender = "";

        /// <summary>HMAC-SHA256 of <see cref="Canonical"/>, lower-case hex.</summary>
        public string Mac = "";

        /// <summary>An <c>acl</c> command's data (hex); "" for every other command. Covered through the digest its argument ends with.</summary>
        public string Data = "";

        /// <summary>
        /// The exact text the MAC covers: "kiosk-cmd-v1" then every covered field, each ended by a
        /// newline. Fields may not contain control characters (the reader enforces it), so no two
        /// commands share a canonical form.
        /// </summary>
        public string Canonical()
        {
            return "kiosk-cmd-v1\n" + DeviceId + "\n" + Command + "\n" + Argument + "\n" + Sender + "\n"
                + IssuedAt.ToString() + "\n" + ExpiresAt.ToString() + "\n" + Counter.ToString() + "\n";
        }
    }
}
