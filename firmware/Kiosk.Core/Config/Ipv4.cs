namespace Kiosk.Core.Config
{
    /// <summary>Dotted-quad IPv4 text, as nanoFramework's NetworkInterface.EnableStaticIPv4 takes it.</summary>
    public static class Ipv4
    {
        public static bool IsValid(string text)
        {
            if (text == null)
                return false;
            char[] chars = text.ToCharArray();
            if (chars.Length < 7 || chars.Length > 15)
                return false;
            int parts = 0;
            int value = 0;
            int digits = 0;
            for (int i = 0; i <= chars.Length; i++)
            {
                if (i == chars.Length || chars[i] == '.')
                {
                    if (digits == 0 || value > 255 || (digits > 1 && chars[i - digits] == '0'))
                        return false;
                    parts++;
                    value = 0;
                    digits = 0;
                    continue;
                }
                char c = chars[i];
                if (c < '0' || c > '9' || digits == 3)
                    return false;
                value = value * 10 + (c - '0');
                digits++;
            }
            return parts == 4;
        }
    }
}
