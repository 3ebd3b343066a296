using System;
using Kiosk.Core.Json;
using Kiosk.Core.Security;
using Kiosk.Core.Text;

namespace Kiosk.Core.Protocol
{
    /// <summary>
    /// Reads a command payload strictly: size limit, valid JSON (UTF-8), version 1, every field present
    /// with the right type and length, no control characters, no unknown fields; ids, the command,
    /// its argument, the MAC and the reply topic are printable ASCII, the sender any Unicode. Anything else is refused
    /// with a reason, and nothing is executed.
    /// </summary>
    public static class CommandReader
    {
        /// <summary>An <c>acl</c> part with the 630-byte schedule table as hex is the largest command, about 1.5 KB.</summary>
        public const int MaxPayloadBytes = 1536;

        /// <summary>Longest <c>data</c> (hex): the schedule table, or 16 records of 28 bytes.</summary>
        public const int MaxDataHexDigits = 2 * Access.AccessSchedule.TableSize;

        /// <summary>Longest sender, in UTF-8 bytes (16 Chinese characters).</summary>
        public const int MaxSenderBytes = 48;

        private static readonly string[] Known = { "v", "id", "dev", "cmd", "arg", "from", "iat", "exp", "ctr", "mac", "reply", "data" };
        /// <summary>Every command a device runs; <see cref="CommandScanner"/> hands out these very strings.</summary>
        internal static readonly string[] CommandNames = { "unlock", "lockdown", "ack", "answer", "end", "state", "time", "acl" };

        /// <summary>
        /// Parses <paramref name="payload"/> into <paramref name="into"/>; returns null when valid, else
        /// the reason. Even a refused command leaves in <paramref name="into"/> whatever request id and
        /// sender could be read, and in <paramref name="replyTopic"/> its reply address, so the sender
        /// is told why and the record names who claimed to send it; everything else is reset.
        /// </summary>
        public static string Read(byte[] payload, SignedCommand into, out string replyTopic)
        {
            return Read(payload, into, out replyTopic, null);
        }

        /// <summary>
        /// As <see cref="Read(byte[], SignedCommand, out string)"/>, trying <paramref name="fast"/> first
        /// (the board keeps one): a valid command of the usual shape is read without a parse tree; any
        /// other payload goes through the full reader and is accepted or refused exactly as there.
        /// </summary>
        public static string Read(byte[] payload, SignedCommand into, out string replyTopic, CommandScanner fast)
        {
            if (fast != null && fast.TryRead(payload, into, out replyTopic))
                return null;
            return ReadFully(payload, into, out replyTopic);
        }

        private static string ReadFully(byte[] payload, SignedCommand into, out string replyTopic)
        {
            replyTopic = null;
            Reset(into);
            if (payload == null || payload.Length == 0)
                return "empty payload";
            if (payload.Length > MaxPayloadBytes)
                return "payload of " + payload.Length + " bytes exceeds " + MaxPayloadBytes;
            JsonObject obj;
            try
            {
                // UTF-8 as MQTT says, parsed from the bytes; each field is then held to printable ASCII on its own.
                obj = JsonParser.Parse(payload, 0, payload.Length) as JsonObject;
            }
            catch (Exception e)
            {
                return "malformed JSON: " + e.Message;
            }
            if (obj == null)
                return "not a JSON object";
            string ignored;
            if (Text(obj, "id", 64, true, out ignored) == null)
                into.RequestId = ignored;
            if (Sender(obj, out ignored) == null)
                into.Sender = ignored;
            if (Text(obj, "reply", 128, false, out ignored) == null && ignored != null && ignored.IndexOf('#') < 0 && ignored.IndexOf('+') < 0)
                replyTopic = ignored;
            for (int i = 0; i < obj.Names.Count; i++)
                if (!IsKnown((string)obj.Names[i]))
                    return "unknown field '" + (string)obj.Names[i] + "'";

            object version = obj.Get("v");
            if (!(version is long) || (long)version != 1)
                return "'v' must be 1";
            string strictReply = null;
            string problem = Text(obj, "id", 64, true, out into.RequestId)
                ?? Text(obj, "dev", 32, true, out into.DeviceId)
                ?? Text(obj, "cmd", 16, true, out into.Command)
                ?? Text(obj, "arg", 64, false, out into.Argument)
                ?? Sender(obj, out into.Sender)
                ?? Number(obj, "iat", out into.IssuedAt)
                ?? Number(obj, "exp", out into.ExpiresAt)
                ?? Number(obj, "ctr", out into.Counter)
                ?? Text(obj, "mac", 64, true, out into.Mac)
                ?? Text(obj, "reply", 128, false, out strictReply);
            if (problem != null)
                return problem;
            replyTopic = strictReply;
            if (!IsCommand(into.Command))
                return "unknown command '" + into.Command + "'";
            if (into.Mac.Length != 64)
                return "'mac' must be 64 hex digits";
            // Only an allow-list part carries data (bound to the MAC through the digest in its arg).
            object data = obj.Get("data");
            if (into.Command == "acl")
            {
                string dataProblem = Text(obj, "data", MaxDataHexDigits, true, out into.Data);
                if (dataProblem != null)
                    return dataProblem;
            }
            else if (data != null)
                return "'data' belongs to acl commands only";
            if (strictReply != null && (strictReply.IndexOf('#') >= 0 || strictReply.IndexOf('+') >= 0))
                return "'reply' may not contain wildcards";
            return null;
        }

        private static void Reset(SignedCommand c)
        {
            c.RequestId = "";
            c.DeviceId = "";
            c.Command = "";
            c.Argument = "";
            c.Sender = "";
            c.IssuedAt = 0;
            c.ExpiresAt = 0;
            c.Counter = 0;
            c.Mac = "";
            c.Data = "";
        }

        private static bool IsKnown(string name)
        {
            for (int i = 0; i < Known.Length; i++)
                if (Known[i] == name)
                    return true;
            return false;
        }

        private static bool IsCommand(string name)
        {
            for (int i = 0; i < CommandNames.Length; i++)
                if (CommandNames[i] == name)
                    return true;
            return false;
        }

        private static string Text(JsonObject obj, string name, int max, bool required, out string value)
        {
            value = "";
            object raw = obj.Get(name);
            if (raw == null)
            {
                if (!required && name == "reply")
                    value = null;
                return required ? "'" + name + "' is required" : null;
            }
            string text = raw as string;
            if (text == null)
                return "'" + name + "' must be a string";
            if ((required && text.Length == 0) || text.Length > max)
                return "'" + name + "' must be " + (required ? "1" : "0") + ".." + max + " characters";
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] < ' ' || chars[i] > '~')
                    return "'" + name + "' may hold printable ASCII only";
            value = text;
            return null;
        }

        /// <summary>
        /// The sender is a person's name as the console knows it ("operator:李明"): any Unicode but
        /// control characters, up to <see cref="MaxSenderBytes"/> bytes of UTF-8. The MAC covers its
        /// UTF-8, so the name in the audit record is the name that was signed.
        /// </summary>
        private static string Sender(JsonObject obj, out string value)
        {
            value = "";
            object raw = obj.Get("from");
            if (raw == null)
                return "'from' is required";
            string text = raw as string;
            if (text == null)
                return "'from' must be a string";
            int bytes = Utf8Text.ByteCountWithoutControls(text.ToCharArray());
            if (bytes < 0)
                return "'from' may not hold control characters";
            if (bytes == 0 || bytes > MaxSenderBytes)
                return "'from' must be 1.." + MaxSenderBytes + " bytes of UTF-8";
            value = text;
            return null;
        }

        private static string Number(JsonObject obj, string name, out long value)
        {
            value = 0;
            object raw = obj.Get(name);
            if (!(raw is long))
                return "'" + name + "' must be a whole number";
            value = (long)raw;
            if (value < 0)
                return "'" + name + "' must not be negative";
            return null;
        }
    }
}
