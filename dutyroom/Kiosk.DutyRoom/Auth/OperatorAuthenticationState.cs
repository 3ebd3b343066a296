using System;
using System.Security.Claims;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;

namespace Kiosk.DutyRoom.Auth;

/// <summary>
/// Who is signed in on a live screen. The cookie is checked on every HTTP request, but an open page
/// talks over its live connection and sends none (issue 20): so the account is checked again every
/// <see cref="ConsoleOptions.AccountRecheckSeconds"/>, and at once when <see cref="OperatorGuard"/> announces a change to it. A
/// disabled or demoted operator's screens turn anonymous: admin pages and the call banner go, the
/// page sends them to sign in. (Every action also re-checks on its own: <see cref="OperatorGuard.Allow"/>.)
/// </summary>
public sealed class OperatorAuthenticationState : RevalidatingServerAuthenticationStateProvider
{
    private readonly Stores _stores;
    private readonly ConsoleOptions _options;
    private readonly OperatorGuard _guard;

    public OperatorAuthenticationState(ILoggerFactory logs, Stores stores, OperatorGuard guard, ConsoleOptions options)
        : base(logs)
    {
        _stores = stores;
        _options = options;
        _guard = guard;
        guard.Changed += OnAccountChanged;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, _options.AccountRecheckSeconds));

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        Task.FromResult(StillValid(state.User));

    /// <summary>Signed in, enabled, in the role and with the password the sign-in had.</summary>
    private bool StillValid(ClaimsPrincipal user) => OperatorClaims.StillValid(user, _stores);

    private void OnAccountChanged(string username)
    {
        var state = GetAuthenticationStateAsync();
        if (!state.IsCompletedSuccessfully || state.Result.User.Identity?.Name != username || StillValid(state.Result.User))
            return;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }

    protected override void Dispose(bool disposing)
    {
        _guard.Changed -= OnAccountChanged;
        base.Dispose(disposing);
    }
}
