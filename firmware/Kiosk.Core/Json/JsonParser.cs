using System.Collections;
using System.Text;

namespace Kiosk.Core.Json
{
    /// <summary>
    /// A strict RFC 8259 JSON parser small enough for the device, reading UTF-8 bytes as they come
    /// off flash or the network. Objects become <see cref="JsonObject"/>, arrays
    /// <see cref="ArrayList"/>, integers long, other numbers double, and null
    /// <see cref="JsonNull.Value"/>. Anything outside the grammar (trailing commas, comments, single
    /// quotes, duplicate names, leading zeros, lone surrogates, invalid UTF-8) is refused with its
    /// line and column: input comes from the network and from installers' hands.
    /// </summary>
    /// <remarks>
    /// It reads bytes, never a string: nanoCLR keeps a string as UTF-8, so <c>s[i]</c> and
    /// <c>s.Length</c> walk it from the start and a parser indexing a string costs O(n²) on the board.
    /// Reading bytes is O(n), and the config and every command reach the parser without first being
    /// copied into chars and then into a string.
    /// </remarks>
    public sealed class JsonParser
    {
        /// <summary>Nesting deeper than this is refused, so hostile input cannot exhaust the device's stack.</summary>
        public const int MaxDepth = 16;

        private static readonly char[] TrueWord = { 't', 'r', 'u', 'e' };
        private static readonly char[] FalseWord = { 'f', 'a', 'l', 's', 'e' };
        private static readonly char[] NullWord = { 'n', 'u', 'l', 'l' };

        private readonly byte[] _data;
        private readonly int _start;
        private readonly int _end;
        private int _pos;
        private int _depth;
        private char[] _scratch = new char[64];
        private int _scratchLength;

        private JsonParser(byte[] data, int offset, int count)
        {
            _data = data;
            _start = offset;
            _end = offset + count;
            _pos = offset;
        }

        /// <summary>Parses one JSON document from UTF-8 bytes; throws <see cref="JsonException"/> naming line and column on any error.</summary>
        public static object Parse(byte[] utf8, int offset, int count)
        {
            if (utf8 == null)
                throw new JsonException("no text", 1, 1);
            JsonParser parser = new JsonParser(utf8, offset, count);
            // A byte-order mark is allowed (RFC 8259 §8.1): Windows editors still write one into config.json.
            if (count >= 3 && utf8[offset] == 0xEF && utf8[offset + 1] == 0xBB && utf8[offset + 2] == 0xBF)
                parser._pos += 3;
            parser.SkipWhitespace();
            object value = parser.ParseValue();
            parser.SkipWhitespace();
            if (parser._pos != parser._end)
                throw parser.Error("unexpected text after the end of the document");
            return value;
        }

        /// <summary>Parses one JSON document held as text (desktop tools and tests; the board parses bytes).</summary>
        public static object Parse(string text)
        {
            if (text == null)
                throw new JsonException("no text", 1, 1);
            byte[] utf8 = Encoding.UTF8.GetBytes(text);
            return Parse(utf8, 0, utf8.Length);
        }

        private object ParseValue()
        {
            if (_pos >= _end)
                throw Error("unexpected end of input, expected a value");
            int c = _data[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject();
                case '[':
                    return ParseArray();
                case '"':
                    return ParseString();
                case 't':
                    ExpectWord(TrueWord);
                    return true;
                case 'f':
                    ExpectWord(FalseWord);
                    return false;
                case 'n':
                    ExpectWord(NullWord);
                    return JsonNull.Value;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                        return ParseNumber();
                    throw Error("unexpected " + Describe(c) + ", expected a value");
            }
        }

        private JsonObject ParseObject()
        {
            Enter();
            JsonObject result = new JsonObject();
            _pos++; // '{'
            SkipWhitespace();
            if (Peek() == '}')
            {
                _pos++;
                _depth--;
                return result;
            }
            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                    throw Error("expected a field name in double quotes");
                int nameAt = _pos;
                string name = ParseString();
                SkipWhitespace();
                if (Peek() != ':')
                    throw Error("expected ':' after field name \"" + name + "\"");
                _pos++;
                SkipWhitespace();
                object value = ParseValue();
                if (!result.Add(name, value))
                {
                    _pos = nameAt;
                    throw Error("field \"" + name + "\" appears twice");
                }
                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == '}')
                    break;
                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or '}' in object");
                }
            }
            _depth--;
            return result;
        }

        private ArrayList ParseArray()
        {
            Enter();
            ArrayList result = new ArrayList();
            _pos++; // '['
            SkipWhitespace();
            if (Peek() == ']')
            {
                _pos++;
                _depth--;
                return result;
            }
            while (true)
            {
                SkipWhitespace();
                result.Add(ParseValue());
                SkipWhitespace();
                int c = Peek();
                _pos++;
                if (c == ']')
                    break;
                if (c != ',')
                {
                    _pos--;
                    throw Error("expected ',' or ']' in array");
                }
            }
            _depth--;
            return result;
        }

        private string ParseString()
        {
            _pos++; // opening quote
            _scratchLength = 0;
            while (true)
            {
                if (_pos >= _end)
                    throw Error("unterminated string");
                int b = _data[_pos];
                if (b == '"')
                {
                    _pos++;
                    return new string(_scratch, 0, _scratchLength);
                }
                if (b < 0x20)
                    throw Error("control character in string (escape it)");
                if (b >= 0x80)
                {
                    TakeUtf8Sequence(b);
                    continue;
                }
                _pos++;
                if (b != '\\')
                {
                    Append((char)b);
                    continue;
                }
                if (_pos >= _end)
                    throw Error("unterminated escape");
                int e = _data[_pos++];
                switch (e)
                {
                    case '"': Append('"'); break;
                    case '\\': Append('\\'); break;
                    case '/': Append('/'); break;
                    case 'b': Append('\b'); break;
                    case 'f': Append('\f'); break;
                    case 'n': Append('\n'); break;
                    case 'r': Append('\r'); break;
                    case 't': Append('\t'); break;
                    case 'u':
                        int u = ReadHex4();
                        if (u >= 0xD800 && u <= 0xDBFF)
                        {
                            if (_pos + 6 > _end || _data[_pos] != '\\' || _data[_pos + 1] != 'u')
                                throw Error("high surrogate not followed by a low surrogate");
                            _pos += 2;
                            int low = ReadHex4();
                            if (low < 0xDC00 || low > 0xDFFF)
                                throw Error("high surrogate not followed by a low surrogate");
                            Append((char)u);
                            Append((char)low);
                        }
                        else if (u >= 0xDC00 && u <= 0xDFFF)
                        {
                            throw Error("lone low surrogate");
                        }
                        else
                        {
                            Append((char)u);
                        }
                        break;
                    default:
                        _pos--;
                        throw Error("unknown escape '\\" + Describe(e) + "'");
                }
            }
        }

        /// <summary>
        /// One multi-byte UTF-8 sequence (RFC 3629 §4): overlong forms, encoded surrogates, code
        /// points past U+10FFFF and stray continuation bytes are refused, never replaced, so the
        /// text signed and the text shown are the same.
        /// </summary>
        private void TakeUtf8Sequence(int lead)
        {
            int more;
            int min;
            int max;
            int code;
            if (lead >= 0xC2 && lead <= 0xDF) { more = 1; code = lead & 0x1F; min = 0x80; max = 0xBF; }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                more = 2; code = lead & 0x0F;
                min = lead == 0xE0 ? 0xA0 : 0x80;
                max = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would encode a surrogate
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                more = 3; code = lead & 0x07;
                min = lead == 0xF0 ? 0x90 : 0x80;
                max = lead == 0xF4 ? 0x8F : 0xBF;
            }
            else
            {
                throw Error("invalid UTF-8 (byte 0x" + HexByte(lead) + ")");
            }
            if (_pos + more >= _end)
                throw Error("invalid UTF-8 (sequence cut short)");
            for (int i = 1; i <= more; i++)
            {
                int next = _data[_pos + i];
                int lo = i == 1 ? min : 0x80;
                int hi = i == 1 ? max : 0xBF;
                if (next < lo || next > hi)
                    throw Error("invalid UTF-8 (byte 0x" + HexByte(next) + " after 0x" + HexByte(lead) + ")");
                code = (code << 6) | (next & 0x3F);
            }
            _pos += more + 1;
            if (code < 0x10000)
            {
                Append((char)code);
                return;
            }
            code -= 0x10000;
            Append((char)(0xD800 + (code >> 10)));
            Append((char)(0xDC00 + (code & 0x3FF)));
        }

        private void Append(char c)
        {
            if (_scratchLength == _scratch.Length)
            {
                char[] larger = new char[_scratch.Length * 2];
                System.Array.Copy(_scratch, larger, _scratchLength);
                _scratch = larger;
            }
            _scratch[_scratchLength++] = c;
        }

        private int ReadHex4()
        {
            if (_pos + 4 > _end)
                throw Error("\\u needs four hex digits");
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                int h = _data[_pos++];
                int digit;
                if (h >= '0' && h <= '9') digit = h - '0';
                else if (h >= 'a' && h <= 'f') digit = h - 'a' + 10;
                else if (h >= 'A' && h <= 'F') digit = h - 'A' + 10;
                else
                {
                    _pos--;
                    throw Error("\\u needs four hex digits");
                }
                value = value * 16 + digit;
            }
            return value;
        }

        private object ParseNumber()
        {
            int start = _pos;
            bool negative = Peek() == '-';
            if (negative)
                _pos++;
            int digitsAt = _pos;
            if (Peek() == '0')
            {
                _pos++;
                if (IsDigit(Peek()))
                    throw Error("numbers may not have leading zeros");
            }
            else if (IsDigit(Peek()))
            {
                while (IsDigit(Peek()))
                    _pos++;
            }
            else
            {
                throw Error("expected a digit");
            }
            int digits = _pos - digitsAt;
            bool integral = true;
            if (Peek() == '.')
            {
                integral = false;
                _pos++;
                if (!IsDigit(Peek()))
                    throw Error("expected a digit after '.'");
                while (IsDigit(Peek()))
                    _pos++;
            }
            if (Peek() == 'e' || Peek() == 'E')
            {
                integral = false;
                _pos++;
                if (Peek() == '+' || Peek() == '-')
                    _pos++;
                if (!IsDigit(Peek()))
                    throw Error("expected a digit in the exponent");
                while (IsDigit(Peek()))
                    _pos++;
            }
            // Up to 18 digits always fit a long; longer integers are kept as double.
            if (integral && digits < 19)
            {
                long whole = 0;
                for (int i = digitsAt; i < _pos; i++)
                    whole = whole * 10 + (_data[i] - '0');
                return negative ? -whole : whole;
            }
            _scratchLength = 0;
            for (int i = start; i < _pos; i++)
                Append((char)_data[i]);
            double value;
            if (!double.TryParse(new string(_scratch, 0, _scratchLength), out value))
            {
                _pos = start;
                throw Error("number out of range");
            }
            return value;
        }

        private void ExpectWord(char[] word)
        {
            if (_pos + word.Length > _end)
                throw Error("unexpected word, expected '" + new string(word) + "'");
            for (int i = 0; i < word.Length; i++)
                if (_data[_pos + i] != word[i])
                    throw Error("unexpected word, expected '" + new string(word) + "'");
            _pos += word.Length;
        }

        private void Enter()
        {
            _depth++;
            if (_depth > MaxDepth)
                throw Error("nested deeper than " + MaxDepth + " levels");
        }

        /// <summary>The byte at the cursor, or 0 past the end (0 is never valid there).</summary>
        private int Peek()
        {
            return _pos < _end ? _data[_pos] : 0;
        }

        private static bool IsDigit(int c)
        {
            return c >= '0' && c <= '9';
        }

        private void SkipWhitespace()
        {
            while (_pos < _end)
            {
                int c = _data[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    return;
                _pos++;
            }
        }

        private static string Describe(int b)
        {
            if (b >= 0x21 && b <= 0x7E)
                return "character '" + (char)b + "'";
            return "byte 0x" + HexByte(b);
        }

        private static string HexByte(int b)
        {
            return b.ToString("X2");
        }

        /// <summary>Line and column (in characters, as an editor counts them) of the cursor.</summary>
        private JsonException Error(string message)
        {
            int line = 1;
            int column = 1;
            int end = _pos < _end ? _pos : _end;
            for (int i = _start; i < end; i++)
            {
                int b = _data[i];
                if (b == '\n')
                {
                    line++;
                    column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    column++; // a continuation byte belongs to the character already counted
                }
            }
            return new JsonException(message, line, column);
        }
    }
}
