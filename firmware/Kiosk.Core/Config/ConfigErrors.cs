using System.Collections;

namespace Kiosk.Core.Config
{
    /// <summary>Every problem found in a config, each naming the field and the reason ("lock.pin: GPIO 0 is a strapping pin ...").</summary>
    public sealed class ConfigErrors
    {
        private readonly ArrayList _messages = new ArrayList();

        public int Count => _messages.Count;

        public string this[int index] => (string)_messages[index];

        public void Add(string field, string reason)
        {
            _messages.Add(field + ": " + reason);
        }

        /// <summary>All errors, one per line.</summary>
        public override string ToString()
        {
            string text = "";
            for (int i = 0; i < _messages.Count; i++)
                text = i == 0 ? (string)_messages[i] : text + "\n" + (string)_messages[i];
            return text;
        }
    }
}
