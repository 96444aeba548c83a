// A new critical alert is heard and seen: a short WebAudio beep (no sound file) and the banner, whose space is
// always reserved so that nothing below it moves.
import { t } from './i18n.js';

const BANNER_MS = 15000;
let audio = null;
let bannerTimer = null;

/** Browsers allow sound only after a gesture: the first click or key press unlocks it. */
export function armSound() {
  const unlock = () => {
    audio = audio || new AudioContext();
    audio.resume();
  };
  window.addEventListener('pointerdown', unlock, { once: true });
  window.addEventListener('keydown', unlock, { once: true });
  document.getElementById('login')?.addEventListener('submit', unlock, { once: true });
}

function beep() {
  if (!audio) return;
  const start = audio.currentTime;
  for (const offset of [0, 0.35]) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.25, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.3);
  }
}

/** Sounds and shows text after the message of prefixKey (a new critical alert unless said otherwise). */
export function raiseAlarm(text, prefixKey = 'banner.newCritical') {
  beep();
  const banner = document.getElementById('banner');
  banner.textContent = `${t(prefixKey)} ${text}`;
  banner.classList.add('active');
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => {
    banner.classList.remove('active');
    banner.textContent = '';
  }, BANNER_MS);
}
