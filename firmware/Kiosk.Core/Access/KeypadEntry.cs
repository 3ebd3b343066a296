namespace Kiosk.Core.Access
{
    /// <summary>
    /// Collects keypad keys into a PIN: digits, '#' to enter, '*' to clear; a pause longer than the
    /// key timeout clears what was typed, so a half-typed PIN is never completed by the next person.
    /// </summary>
    public sealed class KeypadEntry
    {
        public const int MinDigits = 4;
        public const int MaxDigits = 8;

        private readonly char[] _digits = new char[MaxDigits];
        private readonly int _timeoutMillis;
        private int _count;
        private bool _overflow;
        private long _lastKeyAt;

        public KeypadEntry(int keyTimeoutSeconds)
        {
            _timeoutMillis = keyTimeoutSeconds * 1000;
        }

        public int Typed => _count;

        /// <summary>
        /// One key (0–9, <see cref="WiegandFrame.KeyStar"/>, <see cref="WiegandFrame.KeyHash"/>). Returns the
        /// PIN when '#' ends a good entry; null otherwise. <paramref name="refusal"/> says why '#' ended a bad one.
        /// </summary>
        public string Key(int key, long nowMillis, out string refusal)
        {
            refusal = null;
            Expire(nowMillis);
            _lastKeyAt = nowMillis;
            if (key == WiegandFrame.KeyStar)
            {
                Clear();
                return null;
            }
            if (key == WiegandFrame.KeyHash)
            {
                string pin = null;
                if (_overflow)
                    refusal = "PIN longer than " + MaxDigits + " digits";
                else if (_count < MinDigits)
                    refusal = "PIN shorter than " + MinDigits + " digits";
                else
                    pin = new string(_digits, 0, _count);
                Clear();
                return pin;
            }
            if (_count == MaxDigits)
                _overflow = true;
            else
                _digits[_count++] = (char)('0' + key);
            return null;
        }

        /// <summary>Clears a half-typed PIN after the key timeout; true when it did.</summary>
        public bool Expire(long nowMillis)
        {
            if ((_count > 0 || _overflow) && nowMillis - _lastKeyAt > _timeoutMillis)
            {
                Clear();
                return true;
            }
            return false;
        }

        private void Clear()
        {
            for (int i = 0; i < _digits.Length; i++)
                _digits[i] = '\0';
            _count = 0;
            _overflow = false;
        }
    }
}
