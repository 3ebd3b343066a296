using System;
using System.Threading.Tasks;
using Kiosk.Core.Ports;
using Kiosk.HostSim.Brokers;
using Xunit;

namespace Kiosk.Integration.Tests.Cluster;

/// <summary>One 3-node RabbitMQ cluster on loopback for the tests of a class (about 25 s to form), torn down after them.</summary>
public sealed class RabbitMqClusterFixture : IAsyncLifetime
{
    public RabbitMqCluster Cluster { get; } = new(3);

    /// <summary>The cluster's MQTT user, as a board's or the duty room's connect options carry it.</summary>
    public TransportConnectOptions Credentials => new() { Username = RabbitMqCluster.User, Password = Cluster.Password, UseTls = false };

    public async Task InitializeAsync()
    {
        if (RabbitMqFactAttribute.SkipReason is null)
            await Cluster.StartAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>
/// A fact that needs Debian's rabbitmq-server. Skipped, visibly, where it is not installed, unless
/// KIOSK_REQUIRE_RABBITMQ is set (.ci/run sets it): then a missing broker fails the test instead.
/// </summary>
public sealed class RabbitMqFactAttribute : FactAttribute
{
    public RabbitMqFactAttribute()
    {
        Skip = SkipReason;
    }

    public static string? SkipReason =>
        RabbitMqCluster.Installed || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KIOSK_REQUIRE_RABBITMQ")) ? null
            : "rabbitmq-server is not installed (apt-get install -y rabbitmq-server; .ci/run does, and sets KIOSK_REQUIRE_RABBITMQ so CI never skips this)";
}
