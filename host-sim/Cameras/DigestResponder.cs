using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace Kiosk.HostSim.Cameras;

/// <summary>
/// The camera's side of HTTP digest authentication (RFC 7616, and RFC 2617's MD5): it issues
/// challenges (SHA-256 first, then MD5, as RFC 7616 §3.7 orders them; or one of them) with qop=auth,
/// and checks a response: user, realm, nonce it issued, nonce count rising per nonce, the URI of the
/// request, and the response hash. What Hikvision and Dahua cameras ask of a client, to test ours.
/// </summary>
public sealed class DigestResponder(string realm, string username, string password, IReadOnlyList<string> algorithms)
{
    private readonly ConcurrentDictionary<string, long> _nonces = new(StringComparer.Ordinal);

    public string Realm { get; } = realm;

    /// <summary>Accepted responses, per algorithm ("MD5", "SHA-256"): the tests read which one the client chose.</summary>
    public ConcurrentDictionary<string, int> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>One WWW-Authenticate value per algorithm, each with a fresh nonce.</summary>
    public IEnumerable<string> Challenges()
    {
        foreach (var algorithm in algorithms)
        {
            var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            _nonces[nonce] = 0;
            yield return $"Digest realm=\"{Realm}\", qop=\"auth\", algorithm={algorithm}, nonce=\"{nonce}\", opaque=\"kiosk-sim\"";
        }
    }

    /// <summary>True if the Authorization header is a valid digest response for this method and path.</summary>
    public bool Check(string? authorization, string method, string requestUri)
    {
        if (authorization is null || !authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
            return false;
        var p = Parameters(authorization["Digest ".Length..]);
        string Get(string key) => p.GetValueOrDefault(key) ?? "";
        var algorithm = p.GetValueOrDefault("algorithm") ?? "MD5";
        if (!algorithms.Contains(algorithm, StringComparer.OrdinalIgnoreCase) || Get("username") != username || Get("realm") != Realm
            || Get("qop") != "auth" || Get("uri") != requestUri)
            return false;
        var nonce = Get("nonce");
        if (!_nonces.TryGetValue(nonce, out var lastCount) || !long.TryParse(Get("nc"), System.Globalization.NumberStyles.HexNumber, null, out var nc) || nc <= lastCount)
            return false;
        Func<string, string> h = algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)
            ? s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))
            : s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        var ha1 = h($"{username}:{Realm}:{password}");
        var ha2 = h($"{method}:{requestUri}");
        var expected = h($"{ha1}:{nonce}:{Get("nc")}:{Get("cnonce")}:auth:{ha2}");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Get("response").ToLowerInvariant())))
            return false;
        _nonces[nonce] = nc;
        Accepted.AddOrUpdate(algorithm.ToUpperInvariant(), 1, (_, n) => n + 1);
        return true;
    }

    /// <summary>key=value, key="quoted, value" pairs.</summary>
    private static Dictionary<string, string> Parameters(string s)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && (s[i] == ' ' || s[i] == ','))
                i++;
            var eq = s.IndexOf('=', i);
            if (eq < 0)
                break;
            var key = s[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < s.Length && s[i] == '"')
            {
                var end = s.IndexOf('"', i + 1);
                if (end < 0)
                    break;
                value = s[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = s.IndexOf(',', i);
                if (end < 0)
                    end = s.Length;
                value = s[i..end].Trim();
                i = end;
            }
            result[key] = value;
        }
        return result;
    }
}
