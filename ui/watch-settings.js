// Settings' section on time measured by itself: capture on, off or paused, the one
// sentence on what it records, whether this desktop lets it see windows, and the rules
// that say which window is which platform. Rules are checked by the core when saved.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { failure, toast } from './toast.js';

const CHOICES = { on: 'On', pause_for_an_hour: 'Paused for an hour', pause_until_tomorrow: 'Paused until tomorrow', off: 'Off' };

export function watchSection() {
  const body = h('div', {});
  const section = h('section', { class: 'field', dataset: { testid: 'watch-section' } }, h('h3', {}, 'Time measured by itself'), body);
  const load = async () => {
    let status, watcher, rules, platforms;
    try {
      [status, watcher, rules, platforms] = await Promise.all([api.captureStatus(), api.watcherStatus(), api.watchRules(), api.timeView().then((v) => v.platforms)]);
    } catch (err) {
      replace(body, h('p', { class: 'error' }, failure(err)));
      return;
    }
    const now = status.capture.state === 'paused' ? 'pause_for_an_hour' : status.capture.state;
    const choice = h('select', { dataset: { testid: 'capture-choice' }, 'aria-label': 'Measure time on platforms',
      onchange: async (e) => {
        try {
          await api.setCapture(e.target.value);
          toast(e.target.value === 'on' ? 'Time on platforms is measured from now on.' : 'Time on platforms is not measured.');
        } catch (err) {
          toast(failure(err), null, 12000);
        }
        load();
      } },
    Object.entries(CHOICES).map(([value, label]) => h('option', { value, selected: value === now }, label)));
    const paused = status.capture.state === 'paused' ? ` until ${new Date(status.capture.until).toLocaleString()}` : '';
    const matchLine = watcher.last_match === null || watcher.last_match === undefined
      ? 'No window seen yet.'
      : watcher.last_match ? `The last window before this one is time on ${platforms.find((p) => p.key === watcher.last_match)?.label ?? watcher.last_match}.`
        : 'The last window before this one matches no platform, and nothing of it is kept.';
    const rows = h('div', { class: 'rules', dataset: { testid: 'watch-rules' } });
    const error = h('p', { class: 'field-error', role: 'alert', dataset: { testid: 'watch-rules-error' } });
    const ruleRow = (rule) => h('div', { class: 'row rule', dataset: { testid: 'watch-rule' } },
      h('select', { 'aria-label': 'Platform', class: 'rule-platform' }, platforms.map((p) => h('option', { value: p.key, selected: p.key === rule.platform }, p.label))),
      h('input', { type: 'text', class: 'rule-pattern', 'aria-label': 'Window title or app contains', value: rule.pattern, placeholder: 'linkedin|lnkd' }),
      h('button', { type: 'button', class: 'link danger', onclick: (e) => e.target.closest('.rule').remove() }, 'Remove'));
    replace(rows, rules.map(ruleRow));
    const collect = () => [...rows.querySelectorAll('.rule')].map((r) => ({ platform: r.querySelector('.rule-platform').value, pattern: r.querySelector('.rule-pattern').value }));
    const save = async () => {
      error.textContent = '';
      try {
        await api.setWatchRules(collect());
        toast('Rules saved.');
      } catch (err) {
        error.textContent = failure(err);
        return;
      }
      load();
    };
    replace(body,
      h('p', { class: 'muted', dataset: { testid: 'capture-sentence' } }, status.what_it_records),
      h('label', { class: 'field' }, h('span', {}, 'Measure time on platforms'), choice),
      paused && h('p', { class: 'muted' }, `Paused${paused}.`),
      h('p', { class: watcher.available ? 'muted' : 'error', dataset: { testid: 'watcher-status' } },
        watcher.available ? (watcher.reason ?? 'This desktop lets Rapport see which window is active.') : watcher.reason),
      watcher.available && h('p', { class: 'muted', dataset: { testid: 'watch-match' } }, matchLine),
      h('h4', {}, 'Which window is which platform'),
      h('p', { class: 'muted' }, 'A window is time on a platform when its title or app contains one of the words, any case; separate words with |.'),
      rows,
      error,
      h('div', { class: 'actions wrap' },
        h('button', { type: 'button', onclick: () => rows.append(ruleRow({ platform: platforms[0]?.key ?? '', pattern: '' })) }, 'Add a rule'),
        h('button', { type: 'button', class: 'primary', dataset: { testid: 'watch-rules-save' }, onclick: save }, 'Save rules'),
        h('button', { type: 'button', onclick: async () => { await api.resetWatchRules().catch((e) => toast(failure(e))); load(); } }, 'Back to the built-in rules')));
  };
  load();
  return section;
}
