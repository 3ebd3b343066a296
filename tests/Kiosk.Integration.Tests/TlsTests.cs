using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Kiosk.Core.Link;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Brokers;
using Kiosk.HostSim.Simulation;
using Kiosk.Integration.Tests.Support;
using Kiosk.HostSim.Site;
using MQTTnet.Server;
using Xunit;

namespace Kiosk.Integration.Tests;

/// <summary>
/// The desktop transport over TLS to MQTTnet's broker, trusting only the CA named in the device's
/// options: a broker with a certificate from that CA is accepted, one from another CA is not.
/// Certificates are made by the test (no files, no network).
/// </summary>
public sealed class TlsTests
{
    internal static (X509Certificate2 Ca, string CaPem, X509Certificate2 Server) MakePki(string caName)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest($"CN={caName}", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        using var signed = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7), new byte[] { 1, 2, 3, 4 });
        var server = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(serverKey).Export(X509ContentType.Pkcs12), null);
        return (ca, ca.ExportCertificatePem(), server);
    }

    internal static async Task<MqttServer> StartTlsBrokerAsync(int port, X509Certificate2 certificate)
    {
        var factory = new MqttServerFactory();
        var options = factory.CreateServerOptionsBuilder()
            .WithEncryptedEndpoint()
            .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
            .WithEncryptedEndpointPort(port)
            .WithEncryptionCertificate(certificate)
            .Build();
        var server = factory.CreateMqttServer(options);
        await server.StartAsync();
        return server;
    }

    private static TransportConnectOptions Tls(int port, string caPem)
    {
        var options = TestBoards.Connect(port);
        options.Host = "localhost";
        options.UseTls = true;
        options.CaCertificatePem = caPem;
        return options;
    }

    [Fact]
    public async Task A_broker_certificate_from_the_pinned_CA_is_accepted()
    {
        var (_, caPem, server) = MakePki("Kiosk Test CA");
        var port = FreePort.Next();
        using var broker = await StartTlsBrokerAsync(port, server);

        using var board = new SimulatedBoard(TestBoards.Config(), Tls(port, caPem), TestBoards.Key).Start();

        await Eventually.HoldsAsync(() => board.Node.LinkState == LinkState.Connected, "TLS connection");
        await broker.StopAsync();
    }

    [Fact]
    public async Task A_broker_certificate_from_another_CA_is_refused()
    {
        var (_, _, server) = MakePki("Somebody Else's CA");
        var (_, pinnedPem, _) = MakePki("Kiosk Test CA");
        var port = FreePort.Next();
        using var broker = await StartTlsBrokerAsync(port, server);

        using var board = new SimulatedBoard(TestBoards.Config(), Tls(port, pinnedPem), TestBoards.Key).Start();

        await Task.Delay(3000);
        Assert.NotEqual(LinkState.Connected, board.Node.LinkState);
        Assert.True(board.Node.Controller.Store.LastSequence > 0); // the controller runs regardless
        await broker.StopAsync();
    }
}
