namespace Kiosk.Core.Json
{
    /// <summary>The JSON literal null, distinct from a field that is absent.</summary>
    public sealed class JsonNull
    {
        public static readonly JsonNull Value = new JsonNull();

        private JsonNull()
        {
        }

        public override string ToString()
        {
            return "null";
        }
    }
}
