using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Data.Cameras;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>The cameras' part of the console (issue 19), registered in one place.</summary>
public static class CameraServices
{
    public static IServiceCollection AddCameras(this IServiceCollection services, ConsoleOptions options)
    {
        services.AddSingleton(sp => new CameraRegistry(sp.GetRequiredService<ConsoleDb>(), sp.GetRequiredService<IDataProtectionProvider>()));
        services.AddSingleton(sp => new PictureStore(sp.GetRequiredService<ConsoleDb>(), options.PictureFolderPath, options.PictureCapBytes));
        services.AddSingleton<SnapshotFetcher>();
        services.AddSingleton<CameraFeed>();
        services.AddSingleton<PictureKeeper>();
        services.AddHostedService<PictureRetention>();
        return services;
    }
}
