using System;
using System.Text;
using Kiosk.Core.Security;
using Kiosk.HostSim.Adapters;
using Xunit;

namespace Kiosk.Core.Tests.Security;

/// <summary>RFC 4231 test vectors for HMAC-SHA256 through the port, as the device computes it.</summary>
public sealed class HmacVectorTests
{
    public static TheoryData<string, string, string> Rfc4231 => new()
    {
        // test case 1
        { "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", Convert.ToHexString(Encoding.ASCII.GetBytes("Hi There")),
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
        // test case 2: a key shorter than the block
        { Convert.ToHexString(Encoding.ASCII.GetBytes("Jefe")), Convert.ToHexString(Encoding.ASCII.GetBytes("what do ya want for nothing?")),
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
        // test case 3
        { new string('a', 40), new string('d', 100),
          "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
        // test case 4
        { "0102030405060708090a0b0c0d0e0f10111213141516171819", string.Concat(System.Linq.Enumerable.Repeat("cd", 50)),
          "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b" },
        // test case 6: a key longer than the block
        { new string('a', 262), Convert.ToHexString(Encoding.ASCII.GetBytes("Test Using Larger Than Block-Size Key - Hash Key First")),
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54" },
        // test case 7
        { new string('a', 262), Convert.ToHexString(Encoding.ASCII.GetBytes("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.")),
          "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2" },
    };

    [Theory]
    [MemberData(nameof(Rfc4231))]
    public void The_hmac_port_matches_RFC_4231(string keyHex, string dataHex, string expectedHex)
    {
        var mac = new BclHmacSha256().Compute(Convert.FromHexString(keyHex), Convert.FromHexString(dataHex));

        Assert.Equal(expectedHex, Hex.Encode(mac));
    }

    [Fact]
    public void Hex_round_trips_and_refuses_what_is_not_hex()
    {
        var bytes = new byte[] { 0, 1, 0xAB, 0xFF };

        Assert.Equal("0001abff", Hex.Encode(bytes));
        Assert.Equal(bytes, Hex.Decode("0001ABff"));
        Assert.Null(Hex.Decode("0g"));
        Assert.Null(Hex.Decode("abc"));
    }
}
