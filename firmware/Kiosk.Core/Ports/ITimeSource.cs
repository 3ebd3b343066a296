using System;

namespace Kiosk.Core.Ports
{
    /// <summary>
    /// Network time (SNTP on the device). <see cref="Query"/> blocks, so the core calls it through an
    /// <see cref="IWorker"/> and applies the answer itself: the wall clock changes only when the core
    /// says so, and every change is recorded with its offset.
    /// </summary>
    public interface ITimeSource
    {
        /// <summary>
        /// Asks <paramref name="servers"/> for the time. Returns null and the UTC time in
        /// <paramref name="utc"/>, or why it could not ("no answer from ntp.aliyun.com").
        /// </summary>
        string Query(string[] servers, int timeoutMillis, out DateTime utc);
    }
}
