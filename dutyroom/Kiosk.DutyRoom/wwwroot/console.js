// The call ring, for a tired night shift: a two-tone chime every 1.5 s while any call is unanswered,
// made with the Web Audio API (no sound file), and a system notification when the console's tab is
// in the background. Browsers keep audio suspended and ask before notifications until the operator
// has clicked: "Start my shift" is that click, so it arms both; any later click resumes the sound too.
// kioskRing.state() tells the browser tests what is going on (they cannot hear).
window.kioskRing = (() => {
  let ctx = null;
  let timer = null;
  let chimes = 0;
  let notified = 0;
  let notification = null;
  let words = { page: document.title, ringing: document.title, body: "" };
  const context = () => (ctx ??= new (window.AudioContext || window.webkitAudioContext)());
  const hint = () => {
    const sound = document.getElementById("sound-hint");
    if (sound) sound.hidden = !timer || context().state === "running";
    const notify = document.getElementById("notify-hint");
    if (notify) notify.hidden = !timer || !("Notification" in window) || Notification.permission === "granted";
  };
  const tone = (freq, at, length) => {
    const c = context();
    const osc = c.createOscillator();
    const gain = c.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, c.currentTime + at);
    gain.gain.exponentialRampToValueAtTime(0.3, c.currentTime + at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, c.currentTime + at + length);
    osc.connect(gain).connect(c.destination);
    osc.start(c.currentTime + at);
    osc.stop(c.currentTime + at + length + 0.05);
  };
  const chime = () => {
    if (context().state === "running") { tone(880, 0, 0.35); tone(660, 0.4, 0.45); chimes++; }
    hint();
  };
  // In the background the chime may be too far away to hear: the system shows a notification as well.
  const notifyIfHidden = () => {
    if (!timer || document.visibilityState !== "hidden" || notification) return;
    if (!("Notification" in window) || Notification.permission !== "granted") return;
    notification = new Notification(words.ringing, { body: words.body, tag: "kiosk-call", requireInteraction: true });
    notification.onclick = () => { window.focus(); notification?.close(); };
    notified++;
  };
  const arm = () => {
    const c = context();
    if (c.state !== "running") c.resume().then(hint);
    if ("Notification" in window && Notification.permission === "default") Notification.requestPermission().then(hint);
  };
  document.addEventListener("click", (e) => {
    if (e.target instanceof Element && e.target.closest("[data-test=shift]")) arm();
    else if (ctx && ctx.state !== "running") ctx.resume().then(hint);
  }, true);
  document.addEventListener("visibilitychange", notifyIfHidden);
  return {
    // text: the page title while ringing, the notification's title and body, and the page title at rest, in the operator's language.
    start(text) {
      if (text) words = text;
      if (timer) { notifyIfHidden(); return; }
      timer = setInterval(chime, 1500);
      chime();
      document.title = words.ringing;
      notifyIfHidden();
      hint();
    },
    stop() {
      clearInterval(timer);
      timer = null;
      notification?.close();
      notification = null;
      document.title = words.page;
      hint();
    },
    ringing: () => timer !== null,
    state: () => ({ ringing: timer !== null, audio: ctx ? ctx.state : "none", chimes, notified,
      permission: "Notification" in window ? Notification.permission : "unsupported" }),
  };
})();

// Issue 20: how long a visitor has waited (data-since) and the seconds left of an unlock (data-until),
// counted in the browser each second (the duty-room PC's clock, as NTP keeps it), with no redraw.
window.kioskClock = (() => {
    const fmt = ms => { const s = Math.max(0, Math.floor(ms / 1000)); return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0'); };
    const tick = () => {
        const now = Date.now();
        document.querySelectorAll('[data-since][data-running=yes]').forEach(e => { e.textContent = fmt(now - Number(e.dataset.since)); });
        document.querySelectorAll('[data-until]').forEach(e => {
            const left = Number(e.dataset.until) - now;
            e.textContent = left > 0 ? e.dataset.template.replace('{0}', Math.ceil(left / 1000)) : e.dataset.done;
        });
    };
    setInterval(tick, 1000);
    return { tick };
})();
