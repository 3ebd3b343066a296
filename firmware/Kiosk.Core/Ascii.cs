namespace Kiosk.Core
{
    /// <summary>Bytes to text for the ASCII the device stores and speaks (records, payloads, wills), one byte per char.</summary>
    public static class Ascii
    {
        public static string Decode(byte[] bytes, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++)
                chars[i] = (char)bytes[offset + i];
            return new string(chars);
        }
    }
}
