using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Live;
using Kiosk.DutyRoom.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Kiosk.DutyRoom.Components.Shared;

/// <summary>
/// A screen that redraws when anything changes on the site (within a second of the device
/// publishing), and knows which operator is looking at it. Redraws are coalesced: a burst of
/// messages costs one render.
/// </summary>
public abstract class LiveComponent : ComponentBase, IDisposable
{
    private int _pending;
    private CircuitCulture _culture;
    private System.Threading.Timer? _tick;

    /// <summary>
    /// A redraw waits this long for more changes and takes them all at once. At 5,000 entrances changes
    /// never stop: 50 ms let every screen redraw up to 20 times a second (docs/deployment.md, the console
    /// at fleet size); 250 ms keeps a call's ring well inside a second and costs a fifth of the redraws.
    /// </summary>
    public const int CoalesceMilliseconds = 250;

    /// <summary>Redraw at least this often (seconds) for what changes with no message: "stale". 0: only on change.</summary>
    protected virtual int TickSeconds => 0;

    [Inject] protected LiveSite Live { get; set; } = default!;
    [Inject] protected Stores Stores { get; set; } = default!;
    [Inject] protected ConsoleClock Clock { get; set; } = default!;
    [Inject] protected ConsoleOptions Options { get; set; } = default!;
    [Inject] protected SiteTime Time { get; set; } = default!;

    /// <summary>Re-checks the operator at the moment an action runs (issue 20): handlers pass <see cref="Me"/> through it.</summary>
    [Inject] protected Auth.OperatorGuard Guard { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    /// <summary>The signed-in operator (null while signing out or if disabled meanwhile).</summary>
    protected Operator? Me { get; set; }

    /// <summary>The sites <see cref="Me"/> may see (issue 16), read afresh from the database at every load and redraw.</summary>
    protected Data.Sites.SiteScope Allowed { get; private set; } = Data.Sites.SiteScope.Only([]);

    /// <summary>The live entrances at the sites <see cref="Me"/> may see.</summary>
    protected IReadOnlyList<EntranceView> VisibleEntrances => Live.Entrances.Where(e => Allowed.Allows(e.Site)).ToList();

    protected override async Task OnInitializedAsync()
    {
        _culture = CircuitCulture.Capture();
        if (AuthState is not null)
            Me = Stores.OperatorOf((await AuthState).User);
        Allowed = Sites.SiteAccess.ScopeOf(Stores, Me);
        Live.Changed += OnChanged;
        Guard.Changed += OnAccountChanged;
        if (TickSeconds > 0)
            _tick = new System.Threading.Timer(_ => OnChanged(), null, TimeSpan.FromSeconds(TickSeconds), TimeSpan.FromSeconds(TickSeconds));
        await OnLoadAsync();
    }

    protected virtual Task OnLoadAsync() => Task.CompletedTask;

    // My account changed (disabled, demoted): read it again now, not at the next site event.
    private void OnAccountChanged(string username)
    {
        if (username == Me?.Username)
            OnChanged();
    }

    private void OnChanged()
    {
        if (System.Threading.Interlocked.Exchange(ref _pending, 1) == 1)
            return;
        _ = InvokeAsync(async () =>
        {
            _culture.Apply();
            await Task.Delay(CoalesceMilliseconds); // coalesce a burst
            System.Threading.Interlocked.Exchange(ref _pending, 0);
            Me = Me is null ? null : Stores.Operators.Find(Me.Username);
            Allowed = Sites.SiteAccess.ScopeOf(Stores, Me);
            await OnLoadAsync();
            StateHasChanged();
        });
    }

    /// <summary>A time as the duty room reads it: the site's zone, yyyy-MM-dd HH:mm:ss (<see cref="SiteTime"/>).</summary>
    protected string Local(DateTimeOffset? t) => Time.Show(t);

    protected string Label(string device) => Live.Find(device)?.Label ?? device;

    public virtual void Dispose()
    {
        Live.Changed -= OnChanged;
        Guard.Changed -= OnAccountChanged;
        _tick?.Dispose();
        GC.SuppressFinalize(this);
    }
}
