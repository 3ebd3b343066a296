using System;
using Kiosk.DutyRoom.Data.Cameras;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Kiosk.DutyRoom.Cameras;

/// <summary>
/// Pictures for signed-in operators only: an entrance's live frame while a call is on, and the
/// pictures kept with records. Every view of a kept picture is audited (who, which, thumbnail or full
/// size); nothing is cached by the browser, so every look is a request the audit sees.
/// </summary>
public static class CameraEndpoints
{
    public static void MapCameras(this IEndpointRouteBuilder app)
    {
        app.MapGet("/cameras/{device}/live", (string device, HttpContext http, Stores stores, CameraFeed feed) =>
        {
            if (stores.OperatorOf(http.User) is null)
                return Results.Forbid();
            NoStore(http);
            return feed.Frame(device) is { Jpeg: { } jpeg } ? Results.File(jpeg, "image/jpeg") : Results.NotFound();
        }).RequireAuthorization();

        app.MapGet("/pictures/{id:long}", (long id, string? size, HttpContext http, Stores stores, PictureStore pictures, ConsoleClock clock) =>
        {
            if (stores.OperatorOf(http.User) is not { } op)
                return Results.Forbid();
            var picture = pictures.Get(id);
            var bytes = picture is null ? null : pictures.Read(picture);
            var target = picture is null ? $"picture {id}"
                : $"picture {id}: {picture.Device}/" + (picture.CallId is { } call ? call : $"alarm {picture.AlarmId}") + ":" + picture.Moment;
            stores.Audit.Record(op.Username, "picture.view", target, size == "thumb" ? "thumbnail" : "full size",
                bytes is null ? "refused" : "ok", clock.Now);
            NoStore(http);
            return bytes is null ? Results.NotFound() : Results.File(bytes, "image/jpeg");
        }).RequireAuthorization();
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }
}
