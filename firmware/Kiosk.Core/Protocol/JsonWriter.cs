using System;
using System.Text;
using Kiosk.Core.Events;
using Kiosk.Core.Text;

namespace Kiosk.Core.Protocol
{
    /// <summary>
    /// Writes the protocol's JSON as UTF-8 straight into one reused byte buffer: no intermediate
    /// strings or builders, and only the final payload is allocated per message. Text goes out as
    /// UTF-8 (MQTT's encoding), with quotes, backslashes and control characters escaped.
    /// </summary>
    /// <remarks>
    /// Strings are never indexed: nanoCLR keeps a string as UTF-8 and <c>s[i]</c> walks it from the
    /// start, so each string is copied once into a scratch buffer by Encoding.UTF8 and escaped there.
    /// </remarks>
    public sealed class JsonWriter
    {
        private static readonly byte[] HexDigits =
            { (byte)'0', (byte)'1', (byte)'2', (byte)'3', (byte)'4', (byte)'5', (byte)'6', (byte)'7',
              (byte)'8', (byte)'9', (byte)'a', (byte)'b', (byte)'c', (byte)'d', (byte)'e', (byte)'f' };

        private byte[] _buffer = new byte[512];
        private int _length;
        private byte[] _scratch = new byte[96];
        private bool _needComma;

        /// <summary>Bytes written so far (the payload is <c>Buffer[0..Length)</c> after an End call).</summary>
        public int Length => _length;

        public JsonWriter Begin()
        {
            _length = 0;
            Put('{');
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
            Number(value);
            return this;
        }

        public JsonWriter Field(string name, bool value)
        {
            Name(name);
            if (value)
                Put('t', 'r', 'u', 'e');
            else
            {
                Put('f', 'a', 'l', 's');
                Put('e');
            }
            return this;
        }

        /// <summary>A time as ISO 8601 UTC with a four-digit year and milliseconds (GB 50396's record time).</summary>
        public JsonWriter Time(string name, long unixMillis)
        {
            Name(name);
            DateTime t = EventLog.FromUnixMillis(unixMillis);
            Put('"');
            Digits(t.Year, 4); Put('-'); Digits(t.Month, 2); Put('-'); Digits(t.Day, 2);
            Put('T');
            Digits(t.Hour, 2); Put(':'); Digits(t.Minute, 2); Put(':'); Digits(t.Second, 2);
            Put('.'); Digits(t.Millisecond, 3);
            Put('Z'); Put('"');
            return this;
        }

        /// <summary>Starts an array field; follow with <see cref="Item"/> calls and <see cref="EndArray"/>.</summary>
        public JsonWriter BeginArray(string name)
        {
            Name(name);
            Put('[');
            _needComma = false;
            return this;
        }

        public JsonWriter Item(string value)
        {
            if (_needComma)
                Put(',');
            String(value);
            _needComma = true;
            return this;
        }

        public JsonWriter EndArray()
        {
            Put(']');
            _needComma = true;
            return this;
        }

        /// <summary>The reused buffer: after <see cref="End"/> the payload is <c>Buffer[0..Length)</c>, valid until the next <see cref="Begin"/>.</summary>
        public byte[] Buffer => _buffer;

        /// <summary>Closes the object in the reused buffer and returns its length: no allocation at all.</summary>
        public int End()
        {
            Put('}');
            return _length;
        }

        /// <summary>Closes the object and returns its UTF-8 bytes (the one allocation of a message).</summary>
        public byte[] EndToBytes()
        {
            Put('}');
            byte[] bytes = new byte[_length];
            Array.Copy(_buffer, bytes, _length);
            return bytes;
        }

        /// <summary>Closes the object and returns it as text (desktop callers and tests).</summary>
        public string EndToString()
        {
            Put('}');
            return Encoding.UTF8.GetString(_buffer, 0, _length);
        }

        private void Name(string name)
        {
            if (_needComma)
                Put(',');
            String(name);
            Put(':');
            _needComma = true;
        }

        private void String(string value)
        {
            Put('"');
            if (value != null)
            {
                int chars = value.Length;
                // Three UTF-8 bytes at most per UTF-16 char (a surrogate pair is four for two).
                if (_scratch.Length < chars * 3)
                    _scratch = new byte[chars * 3];
                int count = Encoding.UTF8.GetBytes(value, 0, chars, _scratch, 0);
                for (int i = 0; i < count; i++)
                {
                    byte b = _scratch[i];
                    if (b == '"' || b == '\\')
                    {
                        Put('\\');
                        Put((char)b);
                    }
                    else if (b < 0x20 || b == 0x7F)
                    {
                        Put('\\', 'u', '0', '0');
                        Reserve(2);
                        _buffer[_length++] = HexDigits[b >> 4];
                        _buffer[_length++] = HexDigits[b & 0xF];
                    }
                    else
                    {
                        Reserve(1);
                        _buffer[_length++] = b;
                    }
                }
            }
            Put('"');
        }

        private void Number(long value)
        {
            Reserve(ByteText.MaxDecimal);
            _length += ByteText.Decimal(_buffer, _length, value);
        }

        private void Digits(int value, int width)
        {
            Reserve(width);
            for (int i = width - 1; i >= 0; i--)
            {
                _buffer[_length + i] = (byte)('0' + value % 10);
                value /= 10;
            }
            _length += width;
        }

        private void Put(char c)
        {
            Reserve(1);
            _buffer[_length++] = (byte)c;
        }

        private void Put(char a, char b, char c, char d)
        {
            Reserve(4);
            _buffer[_length++] = (byte)a;
            _buffer[_length++] = (byte)b;
            _buffer[_length++] = (byte)c;
            _buffer[_length++] = (byte)d;
        }

        private void Reserve(int more) => _buffer = ByteText.Reserve(_buffer, _length, more);
    }
}
