using System.Security.Cryptography.X509Certificates;

namespace Kiosk.DutyRoom.Mqtt;

/// <summary>
/// TLS to the site's broker trusts the site's own CA and nothing else (the platform store is not
/// consulted), as the entrances do. Shared by the console and host-sim's boards.
/// </summary>
public static class SiteCa
{
    public static bool Trusts(X509Certificate2 ca, X509Certificate? presented)
    {
        if (presented is null)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(presented));
    }
}
