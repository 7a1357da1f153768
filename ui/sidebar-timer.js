// The running timer in the sidebar, on every screen: its platform, its minutes, and Stop.
// It follows the diary, so a timer started anywhere (Time, Ctrl+T, the tray) shows here.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { duration } from './format.js';
import { guard, toast } from './toast.js';

/** Ctrl+T and the palette's "start or stop the timer": the timer toggled, and said so. */
export const toggleTimer = () => guard(api.toggleTimer().then((running) => toast(running ? 'Timer started.' : 'Timer stopped.')));

export function sidebarTimer(box) {
  let tick = null;
  let request = 0;

  async function refresh() {
    const mine = ++request;
    const shown = await guard(api.timerShown());
    if (mine !== request || shown === undefined) return; // a newer change's answer wins
    clearInterval(tick);
    box.hidden = !shown;
    if (!shown) {
      replace(box);
      return;
    }
    const { elapsed_seconds: elapsed, label } = shown;
    const startedMs = Date.now() - elapsed * 1000;
    const minutes = h('span', { class: 'elapsed', dataset: { testid: 'sidebar-timer-minutes' } });
    const paint = () => { minutes.textContent = duration((Date.now() - startedMs) / 1000); };
    paint();
    // Whole minutes are shown: a few seconds late at most is soon enough.
    tick = setInterval(paint, 5000);
    replace(box,
      h('a', { href: '#time', class: 'what', title: 'Open Time' },
        h('span', { class: 'dot', 'aria-hidden': 'true' }),
        h('span', { dataset: { testid: 'sidebar-timer-platform' } }, label)),
      minutes,
      h('button', { type: 'button', 'aria-label': `Stop the ${label} timer`, dataset: { testid: 'sidebar-timer-stop' }, onclick: () => guard(api.stopTimer()) }, 'Stop'));
  }

  return { loaded: refresh(), refresh };
}
