using System.Text;
using Kiosk.Core.Security;

namespace Kiosk.Core.Protocol
{
    /// <summary>
    /// The fast path of <see cref="CommandReader"/>: one pass over a command's bytes in the shape the
    /// console writes (a flat object of known fields, plain strings and whole numbers), with no
    /// parse tree, no boxed numbers and no string per field. Only the request id and the MAC become
    /// new strings; the device id, argument, sender and reply topic are taken from the previous
    /// command when their bytes are the same (one operator, one door), and the command name is the
    /// reader's own constant. Anything it does not fully accept (an escape, a nested value, a
    /// duplicate or unknown field, a value out of its limits, an <c>acl</c> part with data) it
    /// leaves to the full reader, which refuses or accepts it with the reasons it always gave: so
    /// a command is accepted here only if the full reader would accept it, with the same fields.
    /// </summary>
    public sealed class CommandScanner
    {
        private const int V = 0, Id = 1, Dev = 2, Cmd = 3, Arg = 4, From = 5, Iat = 6, Exp = 7, Ctr = 8, Mac = 9, Reply = 10, Data = 11;
        private const int Fields = 12;
        private const int Absent = 0, Text = 1, Whole = 2;

        // The same names, in the same order, as CommandReader's own tables.
        private static readonly byte[][] FieldNames = Utf8Of(new string[] { "v", "id", "dev", "cmd", "arg", "from", "iat", "exp", "ctr", "mac", "reply", "data" });
        private static readonly byte[][] CommandNames = Utf8Of(CommandReader.CommandNames);

        private readonly int[] _kind = new int[Fields];
        private readonly int[] _start = new int[Fields];
        private readonly int[] _length = new int[Fields];
        private readonly long[] _number = new long[Fields];
        private readonly LastText _device = new LastText();
        private readonly LastText _argument = new LastText();
        private readonly LastText _sender = new LastText();
        private readonly LastText _reply = new LastText();

        /// <summary>
        /// Reads <paramref name="payload"/> into <paramref name="into"/> when it is a valid command
        /// of the usual shape; false (and <paramref name="into"/> untouched) when the full reader
        /// must decide.
        /// </summary>
        public bool TryRead(byte[] payload, SignedCommand into, out string replyTopic)
        {
            replyTopic = null;
            if (payload == null || payload.Length == 0 || payload.Length > CommandReader.MaxPayloadBytes || !Scan(payload))
                return false;
            if (_kind[Data] != Absent || _kind[V] != Whole || _number[V] != 1)
                return false;
            int command = CommandOf(payload);
            if (command < 0 || CommandReader.CommandNames[command] == "acl")
                return false;
            if (!Ascii(payload, Id, 1, 64) || !Ascii(payload, Dev, 1, 32) || !Ascii(payload, Mac, 64, 64)
                || (_kind[Arg] != Absent && !Ascii(payload, Arg, 0, 64))
                || _kind[Iat] != Whole || _kind[Exp] != Whole || _kind[Ctr] != Whole || !SenderFits(payload))
                return false;
            if (_kind[Reply] != Absent && (!Ascii(payload, Reply, 0, 128) || Holds(payload, Reply, '#') || Holds(payload, Reply, '+')))
                return false;

            into.RequestId = Encoding.UTF8.GetString(payload, _start[Id], _length[Id]);
            into.DeviceId = _device.Of(payload, _start[Dev], _length[Dev]);
            into.Command = CommandReader.CommandNames[command];
            into.Argument = _kind[Arg] == Absent || _length[Arg] == 0 ? "" : _argument.Of(payload, _start[Arg], _length[Arg]);
            into.Sender = _sender.Of(payload, _start[From], _length[From]);
            into.IssuedAt = _number[Iat];
            into.ExpiresAt = _number[Exp];
            into.Counter = _number[Ctr];
            into.Mac = Encoding.UTF8.GetString(payload, _start[Mac], _length[Mac]);
            into.Data = "";
            if (_kind[Reply] != Absent)
                replyTopic = _length[Reply] == 0 ? "" : _reply.Of(payload, _start[Reply], _length[Reply]);
            return true;
        }

        /// <summary>Finds each field's value; false at anything outside the plain shape.</summary>
        private bool Scan(byte[] b)
        {
            for (int i = 0; i < Fields; i++)
                _kind[i] = Absent;
            int end = b.Length;
            int p = Skip(b, 0, end);
            if (p >= end || b[p] != '{')
                return false;
            p = Skip(b, p + 1, end);
            while (true)
            {
                if (p >= end || b[p] != '"')
                    return false;
                int nameAt = ++p;
                while (p < end && b[p] != '"')
                {
                    if (b[p] == '\\' || b[p] < 0x20 || b[p] >= 0x80)
                        return false;
                    p++;
                }
                if (p >= end)
                    return false;
                int field = FieldOf(b, nameAt, p - nameAt);
                if (field < 0 || _kind[field] != Absent)
                    return false;
                p = Skip(b, p + 1, end);
                if (p >= end || b[p] != ':')
                    return false;
                p = Skip(b, p + 1, end);
                if (p >= end)
                    return false;
                if (b[p] == '"')
                {
                    int at = ++p;
                    while (true)
                    {
                        if (p >= end || b[p] == '\\' || b[p] < 0x20)
                            return false;
                        if (b[p] == '"')
                            break;
                        if (b[p] < 0x80)
                            p++;
                        else
                        {
                            int n = Utf8Sequence(b, p, end);
                            if (n <= 0)
                                return false;
                            p += n;
                        }
                    }
                    _kind[field] = Text;
                    _start[field] = at;
                    _length[field] = p - at;
                    p++;
                }
                else if (b[p] >= '0' && b[p] <= '9')
                {
                    int at = p;
                    long value = 0;
                    while (p < end && b[p] >= '0' && b[p] <= '9')
                        value = value * 10 + (b[p++] - '0');
                    // Up to 18 digits, no leading zero, no fraction or exponent: the reader's long.
                    if (p - at > 18 || (b[at] == '0' && p - at > 1) || (p < end && (b[p] == '.' || b[p] == 'e' || b[p] == 'E')))
                        return false;
                    _kind[field] = Whole;
                    _number[field] = value;
                }
                else
                {
                    return false;
                }
                p = Skip(b, p, end);
                if (p >= end)
                    return false;
                if (b[p] == '}')
                    break;
                if (b[p] != ',')
                    return false;
                p = Skip(b, p + 1, end);
            }
            return Skip(b, p + 1, end) == end;
        }

        /// <summary>Length of the well-formed UTF-8 sequence at <paramref name="p"/> (RFC 3629, as the full parser holds it), or 0.</summary>
        private static int Utf8Sequence(byte[] b, int p, int end)
        {
            int lead = b[p];
            int more, min, max;
            if (lead >= 0xC2 && lead <= 0xDF) { more = 1; min = 0x80; max = 0xBF; }
            else if (lead >= 0xE0 && lead <= 0xEF) { more = 2; min = lead == 0xE0 ? 0xA0 : 0x80; max = lead == 0xED ? 0x9F : 0xBF; }
            else if (lead >= 0xF0 && lead <= 0xF4) { more = 3; min = lead == 0xF0 ? 0x90 : 0x80; max = lead == 0xF4 ? 0x8F : 0xBF; }
            else return 0;
            if (p + more >= end)
                return 0;
            for (int i = 1; i <= more; i++)
            {
                int next = b[p + i];
                if (next < (i == 1 ? min : 0x80) || next > (i == 1 ? max : 0xBF))
                    return 0;
            }
            return more + 1;
        }

        private static int Skip(byte[] b, int p, int end)
        {
            while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n' || b[p] == '\r'))
                p++;
            return p;
        }

        private static int FieldOf(byte[] b, int at, int length)
        {
            for (int f = 0; f < Fields; f++)
                if (Same(FieldNames[f], b, at, length))
                    return f;
            return -1;
        }

        private int CommandOf(byte[] b)
        {
            if (_kind[Cmd] != Text)
                return -1;
            for (int c = 0; c < CommandNames.Length; c++)
                if (Same(CommandNames[c], b, _start[Cmd], _length[Cmd]))
                    return c;
            return -1;
        }

        /// <summary>A string field of <paramref name="min"/>..<paramref name="max"/> printable ASCII characters.</summary>
        private bool Ascii(byte[] b, int field, int min, int max)
        {
            if (_kind[field] != Text || _length[field] < min || _length[field] > max)
                return false;
            int end = _start[field] + _length[field];
            for (int i = _start[field]; i < end; i++)
                if (b[i] < ' ' || b[i] > '~')
                    return false;
            return true;
        }

        /// <summary>The sender: 1..48 bytes of UTF-8 (already well-formed) without DEL, as the full reader counts it.</summary>
        private bool SenderFits(byte[] b)
        {
            if (_kind[From] != Text || _length[From] < 1 || _length[From] > CommandReader.MaxSenderBytes)
                return false;
            return !Holds(b, From, (char)0x7F);
        }

        private bool Holds(byte[] b, int field, char c)
        {
            int end = _start[field] + _length[field];
            for (int i = _start[field]; i < end; i++)
                if (b[i] == c)
                    return true;
            return false;
        }

        private static bool Same(byte[] name, byte[] b, int at, int length)
        {
            if (name.Length != length)
                return false;
            for (int i = 0; i < length; i++)
                if (name[i] != b[at + i])
                    return false;
            return true;
        }

        private static byte[][] Utf8Of(string[] names)
        {
            byte[][] bytes = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++)
                bytes[i] = Encoding.UTF8.GetBytes(names[i]);
            return bytes;
        }

        /// <summary>The last text a field held and its bytes: the same bytes again give the same string, not a new one.</summary>
        private sealed class LastText
        {
            private byte[] _bytes = new byte[16];
            private int _length = -1;
            private string _text;

            public string Of(byte[] b, int at, int length)
            {
                if (length == _length && Same(_bytes, length, b, at))
                    return _text;
                if (_bytes.Length < length)
                    _bytes = new byte[length];
                System.Array.Copy(b, at, _bytes, 0, length);
                _length = length;
                _text = Encoding.UTF8.GetString(b, at, length);
                return _text;
            }

            private static bool Same(byte[] kept, int length, byte[] b, int at)
            {
                for (int i = 0; i < length; i++)
                    if (kept[i] != b[at + i])
                        return false;
                return true;
            }
        }
    }
}
