using System.Text;
using Kiosk.Core.Text;

namespace Kiosk.Core.Security
{
    /// <summary>
    /// Writes <see cref="SignedCommand.Canonical"/> as UTF-8 straight into a reused buffer: the same
    /// bytes <c>Encoding.UTF8.GetBytes(command.Canonical())</c> gives, without the string, its
    /// concatenations or the byte copy (about 500 B per command the board checks).
    /// </summary>
    public sealed class CanonicalForm
    {
        private static readonly byte[] Prefix = Encoding.UTF8.GetBytes("kiosk-cmd-v1\n");
        private byte[] _buffer = new byte[192];
        private int _length;

        /// <summary>The bytes written by the last <see cref="Write"/>: <c>Buffer[0..Length)</c>.</summary>
        public byte[] Buffer => _buffer;

        public int Length => _length;

        /// <summary>Writes the canonical form of <paramref name="c"/>; returns its length in bytes.</summary>
        public int Write(SignedCommand c)
        {
            _length = 0;
            Reserve(Prefix.Length);
            System.Array.Copy(Prefix, 0, _buffer, 0, Prefix.Length);
            _length = Prefix.Length;
            Text(c.DeviceId);
            Text(c.Command);
            Text(c.Argument);
            Text(c.Sender);
            Number(c.IssuedAt);
            Number(c.ExpiresAt);
            Number(c.Counter);
            return _length;
        }

        private void Text(string value)
        {
            if (value != null)
            {
                // Three UTF-8 bytes at most per UTF-16 char, as Encoding.UTF8 needs room for.
                Reserve(value.Length * 3 + 1);
                _length += Encoding.UTF8.GetBytes(value, 0, value.Length, _buffer, _length);
            }
            else
            {
                Reserve(1);
            }
            _buffer[_length++] = (byte)'\n';
        }

        private void Number(long value)
        {
            // As long.ToString() writes it, and the line's end.
            Reserve(ByteText.MaxDecimal + 1);
            _length += ByteText.Decimal(_buffer, _length, value);
            _buffer[_length++] = (byte)'\n';
        }

        private void Reserve(int more) => _buffer = ByteText.Reserve(_buffer, _length, more);
    }
}
