// One nudge with its reason and what to do: the action itself ("Log the call" opens the
// quick log on the phone), "Make a follow-up" (due today) and "Dismiss".

import * as api from './api.js';
import { h } from './dom.js';
import { openQuickLog } from './quick-log.js';
import { guard, toast } from './toast.js';
import { undoDismiss } from './undo.js';

export function nudgeRow(nudge, { showPerson = true } = {}) {
  const act = (promise, message) => guard(promise.then(() => toast(message)));
  const person = { id: nudge.person_id, display_name: nudge.display_name };
  return h('li', { class: `nudge nudge-${nudge.kind}`, dataset: { testid: 'nudge-row', person: nudge.person_id, kind: nudge.kind } },
    h('span', { class: 'what' },
      h('strong', {}, nudge.title),
      showPerson && [' ', h('a', { href: `#people/${nudge.person_id}` }, nudge.display_name)],
      h('span', { class: 'muted', dataset: { testid: 'nudge-detail' } }, ` · ${nudge.detail}`)),
    h('span', { class: 'row-actions' },
      h('button', { type: 'button', class: 'link strong', dataset: { testid: 'nudge-act' },
        onclick: () => openQuickLog({ people: [person], channel: nudge.action.channel }) }, nudge.action.label),
      h('button', { type: 'button', class: 'link', dataset: { testid: 'nudge-follow-up' },
        onclick: () => act(api.nudgeFollowUp(nudge), 'Added to today.') }, 'Make a follow-up'),
      h('button', { type: 'button', class: 'link', dataset: { testid: 'nudge-dismiss' },
        onclick: () => guard(api.dismissNudge(nudge).then(() => toast('Dismissed until something changes.', undoDismiss(nudge)))) }, 'Dismiss')));
}
