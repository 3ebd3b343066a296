using System.Text;

namespace Kiosk.Core.Events
{
    /// <summary>
    /// One text field of the records read into the same <see cref="EventRecord"/> again and again (the
    /// outbox's scratch record): the string last decoded and the slot bytes it came from. The next
    /// record with the same bytes, as most are (the same input names, "check-in", "opened"), gets that
    /// string again instead of a new one: on the board every string is heap a collection must find.
    /// Bytes are compared, never the string's characters (indexing a string is O(n) on nanoCLR).
    /// </summary>
    internal sealed class DecodedText
    {
        private readonly byte[] _raw;
        private int _length = -1;
        private string _text;

        public DecodedText(int maxLength)
        {
            _raw = new byte[maxLength];
        }

        /// <param name="current">the record's field as it is now: reused only when it is still the string this made</param>
        public string Read(byte[] slot, int at, string current)
        {
            int length = slot[at];
            if (length == 0)
                return "";
            if ((object)current == (object)_text && length == _length && Same(slot, at + 1, length))
                return _text;
            _text = Encoding.UTF8.GetString(slot, at + 1, length);
            System.Array.Copy(slot, at + 1, _raw, 0, length);
            _length = length;
            return _text;
        }

        private bool Same(byte[] slot, int from, int length)
        {
            for (int i = 0; i < length; i++)
                if (slot[from + i] != _raw[i])
                    return false;
            return true;
        }
    }
}
