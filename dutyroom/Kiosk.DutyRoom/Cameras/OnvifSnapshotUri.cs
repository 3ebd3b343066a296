using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// ONVIF Profile S, the three SOAP 1.2 calls that find a camera's still picture: the device service's
/// GetCapabilities (where the Media service is), Media's GetProfiles (the first profile's token) and
/// GetSnapshotUri for it. Requests carry a WS-Security UsernameToken with a password digest (ONVIF's
/// own authentication, which Profile S requires); HTTP digest, which many cameras ask for as well,
/// is answered by the HTTP handler underneath. Replies are read with DTDs refused and a size limit.
/// </summary>
public static class OnvifSnapshotUri
{
    private const int MaxReplyBytes = 64 * 1024;
    private static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    private const string DeviceNs = "http://www.onvif.org/ver10/device/wsdl";
    private const string MediaNs = "http://www.onvif.org/ver10/media/wsdl";

    public static async Task<Uri> ResolveAsync(HttpClient http, Uri deviceService, string? username, string? password, CancellationToken ct)
    {
        var capabilities = await CallAsync(http, deviceService, DeviceNs + "/GetCapabilities",
            $"<tds:GetCapabilities xmlns:tds=\"{DeviceNs}\"><tds:Category>Media</tds:Category></tds:GetCapabilities>", username, password, ct);
        var mediaAddress = capabilities.Descendants().FirstOrDefault(e => e.Name.LocalName == "Media")
            ?.Elements().FirstOrDefault(e => e.Name.LocalName == "XAddr")?.Value.Trim();
        if (!Uri.TryCreate(mediaAddress, UriKind.Absolute, out var media))
            throw new InvalidDataException("ONVIF: GetCapabilities named no Media service");
        var profiles = await CallAsync(http, media, MediaNs + "/GetProfiles", $"<trt:GetProfiles xmlns:trt=\"{MediaNs}\"/>", username, password, ct);
        var token = profiles.Descendants().FirstOrDefault(e => e.Name.LocalName == "Profiles")?.Attribute("token")?.Value;
        if (string.IsNullOrEmpty(token))
            throw new InvalidDataException("ONVIF: GetProfiles returned no profile");
        var snapshot = await CallAsync(http, media, MediaNs + "/GetSnapshotUri",
            $"<trt:GetSnapshotUri xmlns:trt=\"{MediaNs}\"><trt:ProfileToken>{System.Security.SecurityElement.Escape(token)}</trt:ProfileToken></trt:GetSnapshotUri>",
            username, password, ct);
        var uri = snapshot.Descendants().FirstOrDefault(e => e.Name.LocalName == "MediaUri")
            ?.Elements().FirstOrDefault(e => e.Name.LocalName == "Uri")?.Value.Trim();
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var result) || (result.Scheme != Uri.UriSchemeHttp && result.Scheme != Uri.UriSchemeHttps))
            throw new InvalidDataException("ONVIF: GetSnapshotUri returned no http(s) URI");
        return result;
    }

    private static async Task<XDocument> CallAsync(HttpClient http, Uri address, string action, string body, string? username, string? password, CancellationToken ct)
    {
        var envelope = $"<s:Envelope xmlns:s=\"{Soap}\"><s:Header>{UsernameToken(username, password)}</s:Header><s:Body>{body}</s:Body></s:Envelope>";
        using var content = new StringContent(envelope, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"application/soap+xml; charset=utf-8; action=\"{action}\"");
        using var response = await http.PostAsync(address, content, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"ONVIF {action[(action.LastIndexOf('/') + 1)..]}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var bytes = await SnapshotFetcher.ReadLimitedAsync(stream, MaxReplyBytes, ct)
            ?? throw new InvalidDataException($"ONVIF reply over {MaxReplyBytes} bytes");
        using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var doc = XDocument.Load(reader);
        if (doc.Descendants().Any(e => e.Name.LocalName == "Fault"))
            throw new InvalidDataException("ONVIF fault: " + string.Join(" ", doc.Descendants().Where(e => e.Name.LocalName == "Text").Select(e => e.Value)));
        return doc;
    }

    /// <summary>WS-Security UsernameToken (ONVIF Core §5.12): digest = Base64(SHA-1(nonce + created + password)).</summary>
    public static string UsernameToken(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username))
            return "";
        var nonce = RandomNumberGenerator.GetBytes(16);
        var created = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var digest = Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(password ?? "")]));
        return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\" "
            + "xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\"><wsse:UsernameToken>"
            + $"<wsse:Username>{System.Security.SecurityElement.Escape(username)}</wsse:Username>"
            + $"<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">{digest}</wsse:Password>"
            + $"<wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary\">{Convert.ToBase64String(nonce)}</wsse:Nonce>"
            + $"<wsu:Created>{created}</wsu:Created></wsse:UsernameToken></wsse:Security>";
    }
}
