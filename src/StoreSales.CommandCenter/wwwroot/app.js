// A board on a TV has nobody to press "retry". Blazor marks #components-reconnect-modal while the live
// connection is down; once its own retries are exhausted (failed) keep trying, and when the server no longer
// knows this page (rejected, e.g. after a restart) load it afresh.
(() => {
  setInterval(async () => {
    const banner = document.getElementById('components-reconnect-modal');
    if (!banner) return;
    if (banner.classList.contains('components-reconnect-rejected') || banner.classList.contains('components-reconnect-resume-failed')) {
      location.reload();
    } else if (banner.classList.contains('components-reconnect-failed') || banner.classList.contains('components-reconnect-paused')) {
      try {
        if (!(await Blazor.reconnect())) location.reload();
      } catch { /* still down: try again at the next tick */ }
    }
  }, 5000);
})();

// A short tone for a new alert in the supervisor's inbox (no audio file to ship or fetch).
window.storeSalesChime = () => {
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.2, audio.currentTime);
    volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
    tone.connect(volume).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.6);
  } catch { /* the browser may refuse sound before the first click; the visual cue still shows */ }
};

// Copies a TV board's sign-in link; where the browser refuses the clipboard, the link stays selectable on the page.
window.storeSalesCopy = async (text) => {
  try {
    await navigator.clipboard.writeText(text);
  } catch { /* not a secure context, or permission refused */ }
};

// A notification's deep link opens the inbox on its alert: bring that card into view.
window.storeSalesScrollTo = (id) => {
  document.getElementById(id)?.scrollIntoView({ block: 'center' });
};
