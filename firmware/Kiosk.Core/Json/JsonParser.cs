using System.Collections;
using System.Text;

namespace Kiosk.Core.Json
{
    /// <summary>
    /// A strict RFC 8259 JSON parser small enough for the device. Objects become
    /// <see cref="JsonObject"/>, arrays <see cref="ArrayList"/>, integers long, other numbers
    /// double, and null <see cref="JsonNull.Value"/>. Anything outside the grammar (trailing commas,
    /// comments, single quotes, duplicate names, leading zeros, lone surrogates) is refused with
    /// its line and column: input comes from the network and from installers' hands.
    /// </summary>
    public sealed class JsonParser
    {
        /// <summary>Nesting deeper than this is refused, so hostile input cannot exhaust the device's stack.</summary>
        public const int MaxDepth = 16;

        private readonly string _text;
        private int _pos;
        private int _depth;
        private readonly StringBuilder _scratch = new StringBuilder();

        private JsonParser(string text)
        {
            _text = text;
        }

        /// <summary>Parses one JSON document; throws <see cref="JsonException"/> naming line and column on any error.</summary>
        public static object Parse(string text)
        {
            if (text == null)
                throw new JsonException("no text", 1, 1);
            JsonParser parser = new JsonParser(text);
            parser.SkipWhitespace();
            object value = parser.ParseValue();
            parser.SkipWhitespace();
            if (parser._pos != text.Length)
                throw parser.Error("unexpected text after the end of the document");
            return value;
        }

        private object ParseValue()
        {
            if (_pos >= _text.Length)
                throw Error("unexpected end of input, expected a value");
            char c = _text[_pos];
            switch (c)
            {
                case '{':
                    return ParseObject();
                case '[':
                    return ParseArray();
                case '"':
                    return ParseString();
                case 't':
                    ExpectWord("true");
                    return true;
                case 'f':
                    ExpectWord("false");
                    return false;
                case 'n':
                    ExpectWord("null");
                    return JsonNull.Value;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                        return ParseNumber();
                    throw Error("unexpected character '" + c + "', expected a value");
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
                char c = Peek();
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
                char c = Peek();
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
            _scratch.Clear();
            while (true)
            {
                if (_pos >= _text.Length)
                    throw Error("unterminated string");
                char c = _text[_pos++];
                if (c == '"')
                    return _scratch.ToString();
                if (c < ' ')
                {
                    _pos--;
                    throw Error("control character in string (escape it)");
                }
                if (c != '\\')
                {
                    if (c >= '\uD800' && c <= '\uDFFF')
                        c = TakeSurrogatePair(c);
                    _scratch.Append(c);
                    continue;
                }
                if (_pos >= _text.Length)
                    throw Error("unterminated escape");
                char e = _text[_pos++];
                switch (e)
                {
                    case '"': _scratch.Append('"'); break;
                    case '\\': _scratch.Append('\\'); break;
                    case '/': _scratch.Append('/'); break;
                    case 'b': _scratch.Append('\b'); break;
                    case 'f': _scratch.Append('\f'); break;
                    case 'n': _scratch.Append('\n'); break;
                    case 'r': _scratch.Append('\r'); break;
                    case 't': _scratch.Append('\t'); break;
                    case 'u':
                        char u = (char)ReadHex4();
                        if (u >= '\uD800' && u <= '\uDBFF')
                        {
                            if (_pos + 6 > _text.Length || _text[_pos] != '\\' || _text[_pos + 1] != 'u')
                                throw Error("high surrogate not followed by a low surrogate");
                            _pos += 2;
                            char low = (char)ReadHex4();
                            if (low < '\uDC00' || low > '\uDFFF')
                                throw Error("high surrogate not followed by a low surrogate");
                            _scratch.Append(u);
                            _scratch.Append(low);
                        }
                        else if (u >= '\uDC00' && u <= '\uDFFF')
                        {
                            throw Error("lone low surrogate");
                        }
                        else
                        {
                            _scratch.Append(u);
                        }
                        break;
                    default:
                        _pos--;
                        throw Error("unknown escape '\\" + e + "'");
                }
            }
        }

        private char TakeSurrogatePair(char high)
        {
            if (high > '\uDBFF' || _pos >= _text.Length || _text[_pos] < '\uDC00' || _text[_pos] > '\uDFFF')
            {
                _pos--;
                throw Error("lone surrogate in string");
            }
            _scratch.Append(high);
            return _text[_pos++];
        }

        private int ReadHex4()
        {
            if (_pos + 4 > _text.Length)
                throw Error("\\u needs four hex digits");
            int value = 0;
            for (int i = 0; i < 4; i++)
            {
                char h = _text[_pos++];
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
            if (Peek() == '-')
                _pos++;
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
            string literal = _text.Substring(start, _pos - start);
            if (integral)
            {
                long whole;
                // 19 digits and more may overflow a long: such numbers are kept as double.
                if (literal.Length < 19 && long.TryParse(literal, out whole))
                    return whole;
            }
            double value;
            if (!double.TryParse(literal, out value))
            {
                _pos = start;
                throw Error("number out of range");
            }
            return value;
        }

        private void ExpectWord(string word)
        {
            if (_pos + word.Length > _text.Length || _text.Substring(_pos, word.Length) != word)
                throw Error("unexpected word, expected '" + word + "'");
            _pos += word.Length;
        }

        private void Enter()
        {
            _depth++;
            if (_depth > MaxDepth)
                throw Error("nested deeper than " + MaxDepth + " levels");
        }

        private char Peek()
        {
            return _pos < _text.Length ? _text[_pos] : '\0';
        }

        private static bool IsDigit(char c)
        {
            return c >= '0' && c <= '9';
        }

        private void SkipWhitespace()
        {
            while (_pos < _text.Length)
            {
                char c = _text[_pos];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                    return;
                _pos++;
            }
        }

        private JsonException Error(string message)
        {
            int line = 1;
            int column = 1;
            int end = _pos < _text.Length ? _pos : _text.Length;
            for (int i = 0; i < end; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }
            return new JsonException(message, line, column);
        }
    }
}
