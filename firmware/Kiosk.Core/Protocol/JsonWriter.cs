using System;
using System.Text;
using Kiosk.Core.Events;

namespace Kiosk.Core.Protocol
{
    /// <summary>
    /// Writes the protocol's JSON into one reused StringBuilder: no intermediate objects, only the
    /// final bytes are allocated per message. Non-ASCII is escaped as \uXXXX so every payload is
    /// plain ASCII on the wire, whatever the receiving side's decoder.
    /// </summary>
    public sealed class JsonWriter
    {
        private const string HexDigits = "0123456789abcdef";
        private readonly StringBuilder _text = new StringBuilder(512);
        private bool _needComma;

        public JsonWriter Begin()
        {
            _text.Clear();
            _text.Append('{');
            _needComma = false;
            return this;
        }

        public JsonWriter Field(string name, string value)
        {
            Name(name);
            String(value);
            return this;
        }

        public JsonWriter Field(string name, long value)
        {
            Name(name);
            _text.Append(value.ToString());
            return this;
        }

        public JsonWriter Field(string name, bool value)
        {
            Name(name);
            _text.Append(value ? "true" : "false");
            return this;
        }

        /// <summary>A time as ISO 8601 UTC with a four-digit year and milliseconds (GB 50396's record time).</summary>
        public JsonWriter Time(string name, long unixMillis)
        {
            Name(name);
            DateTime t = EventLog.FromUnixMillis(unixMillis);
            _text.Append('"');
            Digits(t.Year, 4); _text.Append('-'); Digits(t.Month, 2); _text.Append('-'); Digits(t.Day, 2);
            _text.Append('T');
            Digits(t.Hour, 2); _text.Append(':'); Digits(t.Minute, 2); _text.Append(':'); Digits(t.Second, 2);
            _text.Append('.'); Digits(t.Millisecond, 3);
            _text.Append("Z\"");
            return this;
        }

        /// <summary>Starts an array field; follow with <see cref="Item"/> calls and <see cref="EndArray"/>.</summary>
        public JsonWriter BeginArray(string name)
        {
            Name(name);
            _text.Append('[');
            _needComma = false;
            return this;
        }

        public JsonWriter Item(string value)
        {
            if (_needComma)
                _text.Append(',');
            String(value);
            _needComma = true;
            return this;
        }

        public JsonWriter EndArray()
        {
            _text.Append(']');
            _needComma = true;
            return this;
        }

        public string EndToString()
        {
            _text.Append('}');
            return _text.ToString();
        }

        /// <summary>Closes the object and returns its UTF-8 (here: ASCII) bytes.</summary>
        public byte[] EndToBytes()
        {
            _text.Append('}');
            byte[] bytes = new byte[_text.Length];
            for (int i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)_text[i];
            return bytes;
        }

        private void Name(string name)
        {
            if (_needComma)
                _text.Append(',');
            _text.Append('"').Append(name).Append("\":");
            _needComma = true;
        }

        private void String(string value)
        {
            _text.Append('"');
            if (value != null)
            {
                for (int i = 0; i < value.Length; i++)
                {
                    char c = value[i];
                    if (c == '"' || c == '\\')
                        _text.Append('\\').Append(c);
                    else if (c >= ' ' && c <= '~')
                        _text.Append(c);
                    else
                    {
                        _text.Append("\\u");
                        _text.Append(HexDigits[(c >> 12) & 0xF]).Append(HexDigits[(c >> 8) & 0xF]);
                        _text.Append(HexDigits[(c >> 4) & 0xF]).Append(HexDigits[c & 0xF]);
                    }
                }
            }
            _text.Append('"');
        }

        private void Digits(int value, int width)
        {
            int divisor = 1;
            for (int i = 1; i < width; i++)
                divisor *= 10;
            for (; divisor > 0; divisor /= 10)
                _text.Append((char)('0' + (value / divisor) % 10));
        }
    }
}
