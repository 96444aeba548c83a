// A new critical alert is heard and seen: a short WebAudio beep (no sound file) and the banner, whose space is
// always reserved (or which floats above the map) so that nothing below it moves. The sound can be muted; the
// banner always shows.
import { t } from './i18n.js';

const BANNER_MS = 15000;
const MUTE_KEY = 'gridwatch.muted';
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
  wireMute();
}

export function isMuted() {
  return localStorage.getItem(MUTE_KEY) === 'true';
}

/** The header's mute button: pressed means silent; the choice is remembered in this browser. */
function wireMute() {
  const button = document.querySelector('button.mute');
  if (!button) return;
  const show = () => {
    button.setAttribute('aria-pressed', String(isMuted()));
    button.textContent = isMuted() ? t('alarm.unmute') : t('alarm.mute');
  };
  button.hidden = false;
  button.addEventListener('click', () => {
    localStorage.setItem(MUTE_KEY, String(!isMuted()));
    show();
  });
  show();
}

function beep() {
  if (!audio || isMuted()) return;
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

/**
 * Beeps (unless muted) and shows text after the message of prefixKey (a new critical alert unless said otherwise);
 * onClick, when given, is what a click on the banner does.
 */
export function raiseAlarm(text, prefixKey = 'banner.newCritical', onClick = null) {
  beep();
  const banner = document.getElementById('banner');
  banner.textContent = `${t(prefixKey)} ${text}`;
  banner.classList.add('active');
  banner.onclick = onClick ? () => onClick() : null;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => {
    banner.classList.remove('active');
    banner.textContent = '';
    banner.onclick = null;
  }, BANNER_MS);
}
