using System.Collections;

namespace Kiosk.Core.Json
{
    /// <summary>
    /// A parsed JSON object: values by name, and the names in document order so a strict reader
    /// can report unknown fields in the order a person wrote them.
    /// </summary>
    public sealed class JsonObject
    {
        private readonly Hashtable _values = new Hashtable();
        private readonly ArrayList _names = new ArrayList();

        /// <summary>Field names in document order.</summary>
        public ArrayList Names => _names;

        public int Count => _names.Count;

        public bool Has(string name)
        {
            return _values.Contains(name);
        }

        /// <summary>The value (string, long, double, bool, JsonObject, ArrayList or JsonNull), or null when absent.</summary>
        public object Get(string name)
        {
            return _values[name];
        }

        /// <summary>Adds a field; false when the name is already there (duplicate names are an error in strict JSON).</summary>
        internal bool Add(string name, object value)
        {
            if (_values.Contains(name))
                return false;
            _values.Add(name, value);
            _names.Add(name);
            return true;
        }
    }
}
