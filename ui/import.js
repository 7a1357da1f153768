// Import people from a file (a vCard, LinkedIn's Connections.csv, a Google Contacts CSV):
// choose or drop it, see what will happen row by row, then apply or cancel. And the
// section of Settings that imports and exports.

import * as api from './api.js';
import { previewArchive } from './archive-import.js';
import { openDialog } from './dialog.js';
import { h } from './dom.js';
import { failure, guard, toast } from './toast.js';

/** Asks for a file, then previews it. */
export function chooseAndImport() {
  return guard(api.pickImport().then((path) => path && previewAndImport(path)));
}

/** Asks for an unpacked export (a folder), then previews it. */
export function chooseFolderAndImport() {
  return guard(api.pickImportFolder().then((path) => path && previewAndImport(path)));
}

/** Previews what was chosen or dropped: an address book here, an archive in its own dialog. */
export async function previewAndImport(path) {
  let preview;
  try {
    if (await api.importKind(path) === 'archive') return previewArchive(path);
    preview = await api.previewImport(path);
  } catch (err) {
    toast(failure(err), null, 12000);
    return;
  }
  const { counts } = preview;
  const writes = counts.new + counts.update;
  const status = h('p', { class: 'error', role: 'alert', dataset: { testid: 'import-error' } });
  const apply = h('button', { type: 'submit', class: 'primary', disabled: writes === 0, dataset: { testid: 'import-apply' } },
    writes === 0 ? 'Nothing to import' : `Import ${plural(writes, 'person', 'people')}`);
  const form = h('form', { class: 'import', dataset: { testid: 'import-preview' } },
    h('h2', {}, `Import ${preview.file_name}`),
    h('p', { class: 'muted' }, `Read as ${preview.format_label}. Nothing is written until you import.`),
    h('ul', { class: 'import-counts', dataset: { testid: 'import-counts' } },
      count(counts.new, 'new', plural(counts.new, 'new person', 'new people')),
      count(counts.update, 'update', `${counts.update} to update`),
      count(counts.unchanged, 'unchanged', `${counts.unchanged} already here`),
      count(counts.rejected, 'rejected', `${plural(counts.rejected, 'row', 'rows')} left out`)),
    h('div', { class: 'import-table' },
      h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Person'), h('th', { scope: 'col' }, 'What happens'))),
        h('tbody', {}, preview.rows.map(rowOf)))),
    preview.rows_left_out > 0 && h('p', { class: 'muted' }, `…and ${plural(preview.rows_left_out, 'more row', 'more rows')} like these, not listed.`),
    status,
    h('div', { class: 'actions' }, apply, h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    apply.disabled = true;
    apply.textContent = 'Importing…';
    try {
      const done = await api.applyImport(path, preview.fingerprint);
      dialog.close();
      toast(`Imported ${preview.file_name}: ${plural(done.new, 'person', 'people')} added, ${done.update} updated.`);
    } catch (err) {
      status.textContent = failure(err);
      apply.textContent = 'Import';
      apply.disabled = false;
    }
  });
  const dialog = openDialog(form, { className: 'import-dialog', testid: 'import-dialog' });
  apply.focus();
}

function count(n, kind, text) {
  return h('li', { class: `count-${kind}`, dataset: { testid: `import-${kind}` }, hidden: n === 0 && kind !== 'new' }, text);
}

function rowOf(row) {
  const detail = [row.title, row.company].filter(Boolean).join(', ');
  return h('tr', { class: `import-${row.action}`, dataset: { testid: 'import-row' } },
    h('td', { class: 'line' }, String(row.line)),
    h('td', {}, h('span', { class: 'name' }, row.display_name || '—'), detail && h('span', { class: 'muted detail' }, detail)),
    h('td', { class: 'what' }, row.what));
}

function plural(n, one, many) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** Settings' section: import a file, export the diary in open formats. */
export function transferSection() {
  const exportAs = (format) => guard(api.exportAs(format).then((path) => path && toast(`Saved ${path}`)));
  const button = (testid, label, onclick) => h('button', { type: 'button', dataset: { testid }, onclick }, label);
  return h('section', { class: 'field', dataset: { testid: 'transfer-section' } },
    h('h3', {}, 'Import and export'),
    h('p', { class: 'muted' }, 'Import the data export LinkedIn, X, Facebook, Instagram or WhatsApp gives you (the zip, or its folder unpacked), a calendar (.ics), a mailbox (.mbox), or an address book (.vcf, LinkedIn’s Connections.csv, a Google Contacts CSV); or drop one on the window. Everything is read on this computer. You see what will change before anything is written, and importing the same file again adds nothing twice.'),
    h('div', { class: 'actions wrap' },
      button('import-file', 'Import a file…', chooseAndImport),
      button('import-folder', 'Import a folder…', chooseFolderAndImport)),
    h('div', { class: 'actions wrap' },
      button('export-people-csv', 'People as CSV…', () => exportAs('people_csv')),
      button('export-touches-csv', 'Touches as CSV…', () => exportAs('touches_csv')),
      button('export-vcard', 'People as vCard…', () => exportAs('vcard')),
      button('export-ics', 'Follow-ups as a calendar (.ics)…', () => exportAs('follow_ups_ics')),
      button('export-json', 'Everything as JSON…', () => exportAs('json'))));
}
