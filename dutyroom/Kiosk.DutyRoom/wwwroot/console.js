// The call ring: a two-tone chime every 1.5 s while any call is unanswered (Web Audio: no sound file).
// Browsers keep audio suspended until the page has been clicked once; a hint says so until it has.
window.kioskRing = (() => {
  let ctx = null;
  let timer = null;
  const context = () => (ctx ??= new (window.AudioContext || window.webkitAudioContext)());
  const hint = () => {
    const el = document.getElementById("sound-hint");
    if (el) el.hidden = !timer || context().state === "running";
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
  const chime = () => { tone(880, 0, 0.35); tone(660, 0.4, 0.45); hint(); };
  document.addEventListener("click", () => { if (ctx && ctx.state !== "running") ctx.resume().then(hint); }, true);
  return {
    start() { if (timer) return; chime(); timer = setInterval(chime, 1500); document.title = "☎ Call — Duty room"; hint(); },
    stop() { clearInterval(timer); timer = null; document.title = "Duty room"; hint(); },
    ringing: () => timer !== null,
  };
})();
