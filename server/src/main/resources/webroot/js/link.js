// The live link's state on screen (a fixed-size status line: nothing moves when it changes).
import { t } from './i18n.js';

let state = 'connecting';

export function showLink(next, seconds) {
  state = next;
  const element = document.getElementById('link');
  element.dataset.state = next;
  element.textContent = t(`link.${next}`, { seconds });
}

export function linkState() {
  return state;
}
