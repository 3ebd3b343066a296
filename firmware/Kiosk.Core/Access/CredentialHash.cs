using System.Text;
using Kiosk.Core.Ports;

namespace Kiosk.Core.Access
{
    /// <summary>
    /// The keyed hash a credential is known by on the board and on the wire: the first 8 bytes of
    /// HMAC-SHA256(device key, "kiosk-cred-v1\n" + kind + "\n" + value). Card numbers have few bits
    /// (24 for a 26-bit card), so a plain hash could be reversed by trying them all; keyed, a copy of
    /// the list or of the events says nothing without the key. The console computes the same.
    /// </summary>
    public static class CredentialHash
    {
        public const string Card26 = "card26";
        public const string Card34 = "card34";
        public const string Pin = "pin";

        /// <summary>The text hashed for a credential (docs/access.md shows it with a test vector).</summary>
        public static string Canonical(string kind, string value)
        {
            return "kiosk-cred-v1\n" + kind + "\n" + value;
        }

        public static byte[] Of(IHmacSha256 hmac, byte[] key, string kind, string value)
        {
            byte[] mac = hmac.Compute(key, Encoding.UTF8.GetBytes(Canonical(kind, value)));
            byte[] hash = new byte[AccessEntry.HashBytes];
            System.Array.Copy(mac, hash, AccessEntry.HashBytes);
            return hash;
        }
    }
}
