using System.Collections;
using Kiosk.Core.Json;
using Kiosk.Core.Text;

namespace Kiosk.Core.Config
{
    /// <summary>
    /// Reads the fields of one JSON object strictly: the right type, in range, and no field the
    /// reader did not ask for (a typo such as "unlockPulseSecs" must not silently fall back to the
    /// default). Every problem goes to <see cref="ConfigErrors"/> with the field's full path.
    /// </summary>
    public sealed class FieldReader
    {
        private readonly JsonObject _object;
        private readonly string _path;
        private readonly ConfigErrors _errors;
        private readonly ArrayList _known = new ArrayList();

        public FieldReader(JsonObject value, string path, ConfigErrors errors)
        {
            _object = value;
            _path = path;
            _errors = errors;
        }

        public string PathOf(string name)
        {
            return _path.Length == 0 ? name : _path + "." + name;
        }

        public bool Has(string name)
        {
            Know(name);
            return _object.Has(name);
        }

        /// <summary>Reports a value the caller found wrong, at this field's path.</summary>
        public void Invalid(string name, string problem)
        {
            _errors.Add(PathOf(name), problem);
        }

        /// <summary>Reports the field as required when it is absent.</summary>
        public void Require(string name)
        {
            if (!Has(name))
                _errors.Add(PathOf(name), "is required");
        }

        /// <summary>A reader for element <paramref name="index"/> of an array of objects, or null (reported) when that element is not an object.</summary>
        public static FieldReader Item(ArrayList list, int index, string arrayPath, ConfigErrors errors)
        {
            string path = arrayPath + "[" + index + "]";
            JsonObject item = list[index] as JsonObject;
            if (item == null)
            {
                errors.Add(path, "must be an object");
                return null;
            }
            return new FieldReader(item, path, errors);
        }

        public int Int(string name, int fallback, int min, int max)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
                return fallback;
            if (!(value is long))
            {
                _errors.Add(PathOf(name), "must be a whole number, got " + Describe(value));
                return fallback;
            }
            long number = (long)value;
            if (number < min || number > max)
            {
                _errors.Add(PathOf(name), "must be " + min + ".." + max + ", got " + number);
                return fallback;
            }
            return (int)number;
        }

        public bool Bool(string name, bool fallback)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
                return fallback;
            if (!(value is bool))
            {
                _errors.Add(PathOf(name), "must be true or false, got " + Describe(value));
                return fallback;
            }
            return (bool)value;
        }

        /// <summary>A string of 1..maxLength printable ASCII characters; null when absent and not required.</summary>
        public string Text(string name, string fallback, int maxLength, bool required)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
            {
                if (required)
                    _errors.Add(PathOf(name), "is required");
                return fallback;
            }
            string text = CheckedText(PathOf(name), value, maxLength);
            return text == null ? fallback : text;
        }

        /// <summary>
        /// A name people type in their own language (a Wi-Fi network called 东门岗亭): any characters but
        /// control characters, up to <paramref name="maxUtf8Bytes"/> bytes of UTF-8; null when absent and not required.
        /// </summary>
        public string UnicodeText(string name, int maxUtf8Bytes, bool required)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
            {
                if (required)
                    _errors.Add(PathOf(name), "is required");
                return null;
            }
            string text = value as string;
            if (text == null)
            {
                _errors.Add(PathOf(name), "must be a string, got " + Describe(value));
                return null;
            }
            char[] chars = text.ToCharArray();
            int bytes = Utf8Text.ByteCountWithoutControls(chars);
            if (bytes < 0)
            {
                _errors.Add(PathOf(name), "may not hold control characters");
                return null;
            }
            if (bytes == 0 || bytes > maxUtf8Bytes)
            {
                _errors.Add(PathOf(name), "must be 1.." + maxUtf8Bytes + " bytes of UTF-8 (a Chinese character is 3), got " + bytes);
                return null;
            }
            return text;
        }

        /// <summary>An array of 1..<paramref name="maxItems"/> strings read as <see cref="Text"/>; <paramref name="fallback"/> when absent.</summary>
        public string[] TextList(string name, string[] fallback, int maxItems, int maxLength)
        {
            ArrayList list = Array(name);
            if (list == null)
                return fallback;
            if (list.Count == 0 || list.Count > maxItems)
            {
                _errors.Add(PathOf(name), "must hold 1.." + maxItems + " entries, got " + list.Count);
                return fallback;
            }
            string[] items = new string[list.Count];
            for (int i = 0; i < list.Count; i++)
            {
                items[i] = CheckedText(PathOf(name) + "[" + i + "]", list[i], maxLength);
                if (items[i] == null)
                    return fallback;
            }
            return items;
        }

        /// <summary>The value as 1..maxLength printable ASCII characters, or null (reported at <paramref name="path"/>).</summary>
        private string CheckedText(string path, object value, int maxLength)
        {
            string text = value as string;
            if (text == null)
            {
                _errors.Add(path, "must be a string, got " + Describe(value));
                return null;
            }
            if (text.Length == 0 || text.Length > maxLength)
            {
                _errors.Add(path, "must be 1.." + maxLength + " characters long");
                return null;
            }
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] < ' ' || chars[i] > '~')
                {
                    _errors.Add(path, "may hold printable ASCII only (it goes into MQTT topics and event records)");
                    return null;
                }
            }
            return text;
        }

        /// <summary>One of the given words; returns its index, or <paramref name="fallback"/>.</summary>
        public int Choice(string name, string[] words, int fallback)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
                return fallback;
            string text = value as string;
            if (text != null)
                for (int i = 0; i < words.Length; i++)
                    if (words[i] == text)
                        return i;
            string list = "";
            for (int i = 0; i < words.Length; i++)
                list = i == 0 ? "\"" + words[i] + "\"" : list + ", \"" + words[i] + "\"";
            _errors.Add(PathOf(name), "must be one of " + list + ", got " + Describe(value));
            return fallback;
        }

        /// <summary>A nested object, or null (absent, or reported when it is the wrong type).</summary>
        public FieldReader Object(string name)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
                return null;
            JsonObject nested = value as JsonObject;
            if (nested == null)
            {
                _errors.Add(PathOf(name), "must be an object, got " + Describe(value));
                return null;
            }
            return new FieldReader(nested, PathOf(name), _errors);
        }

        /// <summary>A nested array, or null (absent, or reported when it is the wrong type).</summary>
        public ArrayList Array(string name)
        {
            Know(name);
            object value = _object.Get(name);
            if (value == null)
                return null;
            ArrayList list = value as ArrayList;
            if (list == null)
                _errors.Add(PathOf(name), "must be an array, got " + Describe(value));
            return list;
        }

        /// <summary>Reports every field present that no read asked for. Call after all reads.</summary>
        public void RejectUnknownFields()
        {
            ArrayList names = _object.Names;
            for (int i = 0; i < names.Count; i++)
            {
                string name = (string)names[i];
                if (!_known.Contains(name))
                    _errors.Add(PathOf(name), "unknown field (misspelt, or from a newer config version?)");
            }
        }

        public static string Describe(object value)
        {
            if (value is string)
                return "a string";
            if (value is long || value is double)
                return "the number " + value.ToString();
            if (value is bool)
                return (bool)value ? "true" : "false";
            if (value is JsonObject)
                return "an object";
            if (value is ArrayList)
                return "an array";
            return "null";
        }

        private void Know(string name)
        {
            if (!_known.Contains(name))
                _known.Add(name);
        }
    }
}
