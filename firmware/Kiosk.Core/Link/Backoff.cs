namespace Kiosk.Core.Link
{
    /// <summary>
    /// Reconnect delays: 1 s doubling to 60 s, each scaled by a random 0.75–1.25 so a site's
    /// hundred controllers do not reconnect in lock-step after a broker restart. The generator is
    /// seeded per device, so a test run is repeatable.
    /// </summary>
    public sealed class Backoff
    {
        public const int FirstMillis = 1000;
        public const int MaxMillis = 60000;
        private uint _state;
        private int _attempt;

        public Backoff(uint seed)
        {
            _state = seed == 0 ? 0x9E3779B9u : seed;
        }

        public int Attempt => _attempt;

        /// <summary>The delay before the next attempt, and counts the attempt.</summary>
        public int Next()
        {
            long delay = FirstMillis;
            for (int i = 0; i < _attempt && delay < MaxMillis; i++)
                delay *= 2;
            if (delay > MaxMillis)
                delay = MaxMillis;
            _attempt++;
            int permille = 750 + (int)(NextRandom() % 501); // 750..1250
            return (int)(delay * permille / 1000);
        }

        public void Reset()
        {
            _attempt = 0;
        }

        /// <summary>A stable seed from a device id (FNV-1a).</summary>
        public static uint SeedFrom(string text, int salt)
        {
            uint hash = 2166136261;
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
                hash = (hash ^ chars[i]) * 16777619;
            return hash ^ (uint)salt;
        }

        private uint NextRandom()
        {
            // xorshift32
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }
    }
}
