// Importing a platform's data export (LinkedIn, X, Facebook, Instagram, WhatsApp, a
// calendar, a mailbox): reading with progress, then a preview per source that the user
// adjusts (who they are, who and what to leave out, whether to keep the words), then
// apply, with Undo. Every figure comes from the core; this only shows it.

import * as api from './api.js';
import { openDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { CHANNEL, RUNG } from './labels.js';
import { failure, toast } from './toast.js';

const n = (x) => x.toLocaleString('en-US');
const plural = (x, one, many) => `${n(x)} ${x === 1 ? one : many}`;

/** Reads the archive at `path` and opens its preview. */
export async function previewArchive(path) {
  const choices = { sources: {}, skip_sources: [] };
  const body = h('div', { class: 'archive-body', dataset: { testid: 'archive-body' } });
  const status = h('p', { class: 'error', role: 'alert', dataset: { testid: 'import-error' } });
  const apply = h('button', { type: 'submit', class: 'primary', disabled: true, dataset: { testid: 'archive-apply' } }, 'Import');
  const title = h('h2', {}, 'Import');
  const form = h('form', { class: 'import archive', dataset: { testid: 'archive-preview' } },
    title, body, status,
    h('div', { class: 'actions' }, apply, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  const dialog = openDialog(form, { className: 'import-dialog', testid: 'import-dialog' });
  const reading = h('p', { class: 'muted reading', dataset: { testid: 'archive-reading' } }, 'Reading the archive…');
  replace(body, reading);
  const unlisten = await api.onImportProgress((part) => { reading.textContent = `Reading ${part}…`; });
  dialog.addEventListener('close', () => unlisten());

  let preview = null;
  const refresh = async () => {
    apply.disabled = true;
    try {
      preview = await api.previewArchive(path, choices);
    } catch (err) {
      // Not an archive at all: say so where the user looks, as the contacts import does.
      if (!preview) {
        dialog.close();
        toast(failure(err), null, 12000);
        return;
      }
      replace(body, h('p', { class: 'error', dataset: { testid: 'archive-failed' } }, failure(err)));
      return;
    }
    title.textContent = `Import ${preview.file_name}`;
    const scroll = body.scrollTop;
    replace(body,
      h('p', { class: 'muted' }, 'Only who, when and how many messages are kept unless you ask for the words. Nothing is written until you import.'),
      preview.sources.map((source) => sourceSection(source, choices, refresh)));
    body.scrollTop = scroll;
    const adds = preview.sources.filter((s) => !choices.skip_sources.includes(s.source))
      .reduce((sum, s) => sum + s.touches_new + s.people_new, 0);
    apply.disabled = adds === 0;
    apply.textContent = adds === 0 ? 'Nothing to import' : 'Import';
  };
  await refresh();
  apply.focus();

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    apply.disabled = true;
    apply.textContent = 'Importing…';
    try {
      const runs = await api.applyArchive(path, preview.fingerprint, choices);
      dialog.close();
      const what = runs.map((r) => `${r.source_label}: ${plural(r.touches, 'touch', 'touches')}, ${plural(r.people, 'person', 'people')} added`).join('; ');
      toast(`Imported ${preview.file_name}. ${what}.`, { label: 'Undo', run: () => undoRuns(runs) }, 15000);
    } catch (err) {
      status.textContent = failure(err);
      apply.textContent = 'Import';
      apply.disabled = false;
    }
  });
}

async function undoRuns(runs) {
  try {
    for (const run of runs) await api.undoImport(run.id);
    toast('The import was undone.');
  } catch (err) {
    toast(failure(err), null, 12000);
  }
}

/** One source's part of the preview, with the choices that change it. */
function sourceSection(source, choices, refresh) {
  const mine = (choices.sources[source.source] ??= { me: '', skip_people: [], skip_threads: [], include_threads: [], include_spam: false, keep_words: false, assign: {} });
  const change = (edit) => (e) => { edit(e.target); refresh(); };
  const included = !choices.skip_sources.includes(source.source);
  const toggle = (list, value, on) => {
    const i = list.indexOf(value);
    if (on && i < 0) list.push(value);
    if (!on && i >= 0) list.splice(i, 1);
  };
  const selves = source.selves.some((s) => s.key === source.me?.key) || !source.me ? source.selves : [source.me, ...source.selves];
  return h('section', { class: 'archive-source', dataset: { testid: 'archive-source', source: source.source } },
    h('h3', {},
      h('label', {}, h('input', { type: 'checkbox', checked: included, dataset: { testid: 'archive-include' },
        onchange: change((el) => toggle(choices.skip_sources, source.source, !el.checked)) }), ` ${source.label}`)),
    h('p', { class: 'muted parts' }, `Read ${source.parts.length > 4 ? `${source.parts.slice(0, 4).join(', ')} and ${n(source.parts.length - 4)} more` : source.parts.join(', ')} · ${plural(source.messages, 'message', 'messages')}`),
    selves.length > 0 && h('p', {},
      h('label', {}, 'You are ',
        h('select', { dataset: { testid: 'archive-me' }, onchange: change((el) => { mine.me = el.value; }) },
          selves.map((s) => h('option', { value: s.key, selected: s.key === source.me?.key }, s.name))))),
    h('ul', { class: 'import-counts', dataset: { testid: 'archive-counts' } },
      h('li', { class: 'count-new', dataset: { testid: 'archive-touches' } }, `${plural(source.touches_new, 'touch', 'touches')} to add`),
      h('li', { class: 'count-new', dataset: { testid: 'archive-new' } }, plural(source.people_new, 'new person', 'new people')),
      h('li', { class: 'count-update', dataset: { testid: 'archive-matched' } }, `${n(source.people_matched)} already in the diary`),
      source.people_ambiguous > 0 && h('li', { class: 'count-rejected', dataset: { testid: 'archive-ambiguous' } }, `${n(source.people_ambiguous)} to tell apart`),
      source.touches_already + source.touches_typed > 0 && h('li', { class: 'count-unchanged', dataset: { testid: 'archive-already' } },
        `${plural(source.touches_already + source.touches_typed, 'touch', 'touches')} already here`)),
    source.rung_moves.length > 0 && h('p', { dataset: { testid: 'archive-moves' } },
      'The ladder: ', source.rung_moves.map((m) => `${plural(m.people, 'person', 'people')} to ${RUNG[m.rung] ?? m.rung}`).join(', '), '.'),
    yearTable(source),
    peopleTable(source, mine, change, toggle),
    source.threads.length > 0 && h('details', { class: 'left-out', open: source.threads_left_out > 0, dataset: { testid: 'archive-threads' } },
      h('summary', {}, `${plural(source.threads_total, 'conversation', 'conversations')}, ${n(source.threads_left_out)} left out`),
      h('ul', {}, source.threads.map((t) => h('li', { dataset: { testid: 'archive-thread', left: t.left_out ?? 'no' } },
        h('label', {},
          h('input', { type: 'checkbox', checked: !t.left_out, 'aria-label': `Import ${t.title}`, dataset: { testid: 'archive-thread-take' }, onchange: change((el) => {
            // The core says which choice this box is.
            if (t.choice === 'include_spam') mine.include_spam = el.checked;
            else if (t.choice === 'include_thread') toggle(mine.include_threads, t.key, el.checked);
            else toggle(mine.skip_threads, t.key, !el.checked);
          }) }),
          ` ${t.title || 'Untitled'} — ${plural(t.messages, 'message', 'messages')}${t.why ? `, ${t.why}` : ''}`)))),
      source.threads_total > source.threads.length && h('p', { class: 'muted' }, `…and ${plural(source.threads_total - source.threads.length, 'more conversation', 'more conversations')}, not listed.`)),
    h('p', {}, h('label', {},
      h('input', { type: 'checkbox', checked: mine.keep_words, dataset: { testid: 'archive-keep-words' }, onchange: change((el) => { mine.keep_words = el.checked; }) }),
      ' Keep the words of the messages as the touches’ notes')),
    source.problems_total > 0 && h('details', { class: 'problems', dataset: { testid: 'archive-problems' } },
      h('summary', {}, `Left out: ${plural(source.problems_total, 'note', 'notes')} on what could not be read or was not personal`),
      h('ul', {}, source.problems.map((p) => h('li', {}, `${p.part}${p.line ? `, line ${p.line}` : ''}: ${p.reason}`)))));
}

function yearTable(source) {
  if (source.by_year.length === 0) return null;
  const channels = [...new Set(source.by_year.map((y) => y.channel))];
  const years = [...new Set(source.by_year.map((y) => y.year))];
  const cell = (year, channel) => source.by_year.find((y) => y.year === year && y.channel === channel)?.touches ?? 0;
  return h('div', { class: 'import-table years' },
    h('table', { dataset: { testid: 'archive-years' } },
      h('caption', { class: 'muted' }, 'Touches to add, by year'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Year'), channels.map((c) => h('th', { scope: 'col' }, CHANNEL[c] ?? c)))),
      h('tbody', {}, years.map((y) => h('tr', {}, h('th', { scope: 'row' }, String(y)), channels.map((c) => h('td', {}, n(cell(y, c)))))))));
}

function peopleTable(source, mine, change, toggle) {
  if (source.people.length === 0) return null;
  const row = (p) => {
    const take = h('input', { type: 'checkbox', checked: !mine.skip_people.includes(p.key), 'aria-label': `Import ${p.name}`,
      onchange: change((el) => toggle(mine.skip_people, p.key, !el.checked)) });
    let what;
    if (p.status === 'ambiguous') {
      what = h('select', { dataset: { testid: 'archive-assign' }, onchange: change((el) => {
        if (el.value === '') delete mine.assign[p.key]; else mine.assign[p.key] = Number(el.value);
      }) },
      h('option', { value: '' }, `Which ${p.name}?`),
      p.candidates.map(([id, name]) => h('option', { value: String(id) }, `${name} (#${id})`)),
      h('option', { value: '0' }, 'Someone new'));
    } else {
      what = p.status === 'new' ? 'New' : `Is ${p.person_name}`;
    }
    const rung = p.rung ? `${RUNG[p.rung] ?? p.rung} since ${p.since}` : '';
    return h('tr', { class: `import-${p.status}`, dataset: { testid: 'archive-person', status: p.status } },
      h('td', {}, take),
      h('td', {}, h('span', { class: 'name' }, p.name)),
      h('td', { class: 'what' }, what),
      h('td', {}, n(p.touches)),
      h('td', { class: 'what' }, rung));
  };
  return h('div', { class: 'import-table' },
    h('table', { dataset: { testid: 'archive-people' } },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Import'), h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'Who'),
        h('th', { scope: 'col' }, 'Touches'), h('th', { scope: 'col' }, 'Ladder'))),
      h('tbody', {}, source.people.map(row))),
    source.people_not_listed > 0 && h('p', { class: 'muted' }, `…and ${plural(source.people_not_listed, 'more person', 'more people')}, not listed.`));
}

/** Settings' list of past imports, each undoable. */
export function importsSection() {
  const list = h('ul', { class: 'imports', dataset: { testid: 'imports-list' } });
  const load = async () => {
    let runs;
    try {
      runs = await api.importRuns();
    } catch (err) {
      replace(list, h('li', { class: 'error' }, failure(err)));
      return;
    }
    if (runs.length === 0) {
      replace(list, h('li', { class: 'muted' }, 'No archive imported yet.'));
      return;
    }
    replace(list, runs.map((r) => h('li', { dataset: { testid: 'import-run', undone: r.undone_at ? 'yes' : 'no' } },
      h('span', {}, `${r.source_label}, ${r.file_name} — ${plural(r.touches, 'touch', 'touches')}, ${plural(r.people, 'person', 'people')} added, ${new Date(r.applied_at).toLocaleDateString()}`),
      r.undone_at
        ? h('span', { class: 'muted' }, ' · undone')
        : h('button', { type: 'button', class: 'link', dataset: { testid: 'import-undo' }, onclick: async (e) => {
          e.target.disabled = true;
          try {
            const undone = await api.undoImport(r.id);
            toast(`Undone: ${plural(undone.touches_removed, 'touch', 'touches')} and ${plural(undone.people_removed, 'person', 'people')} removed${undone.people_kept ? `; ${plural(undone.people_kept, 'person', 'people')} kept, as you have touched them since` : ''}.`);
          } catch (err) {
            toast(failure(err), null, 12000);
          }
          load();
        } }, 'Undo'))));
  };
  load();
  return h('section', { class: 'field', dataset: { testid: 'imports-section' } }, h('h3', {}, 'Past imports'), list);
}
