// Saved views of the People list: listed in the sidebar below the screens, and saved,
// renamed and deleted from the People screen. The core keeps and checks them; this
// module remembers which one the list shows, so the sidebar can mark it.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { failure, guard, toast } from './toast.js';

let views = [];
let currentId = null;
const shown = new Set(); // re-render when the views or the current one change

const changed = () => { for (const render of shown) render(); };

/** The view the People list shows now, unchanged since it was opened; else null. */
export const currentView = () => views.find((v) => v.id === currentId) ?? null;

export function setCurrentView(id) {
  if (id === currentId) return;
  currentId = id;
  changed();
}

/** The list in the sidebar; `open(view)` shows People with its filters. */
export function sidebarViews(el, open) {
  const render = () => {
    el.hidden = views.length === 0;
    const onPeople = location.hash.startsWith('#people');
    replace(el,
      h('h2', {}, 'Views'),
      h('ul', {}, views.map((v) => h('li', {},
        h('a', { href: '#people', 'aria-current': onPeople && v.id === currentId ? 'true' : null, dataset: { testid: 'sidebar-view', id: v.id },
          title: v.name, onclick: (e) => { e.preventDefault(); open(v); } }, v.name)))));
  };
  shown.add(render);
  window.addEventListener('hashchange', render);
  const refresh = () => guard(api.peopleViews().then((fresh) => { views = fresh; changed(); }));
  return { loaded: refresh(), refresh };
}

/**
 * Above the People list: "Save as view…" for the filters in use (`query()`), or, while a
 * saved view is shown unchanged, its name with Rename and Delete. Returns { el, leave }.
 */
export function viewBar(query) {
  const bar = h('div', { class: 'view-bar', dataset: { testid: 'people-view-bar' } });
  const button = (label, testid, onclick, cls = 'link') => h('button', { type: 'button', class: cls, dataset: { testid }, onclick }, label);

  function idle() {
    const view = currentView();
    if (!view) {
      replace(bar, button('Save as view…', 'people-view-new', () => ask('', (name) => api.savePeopleView(name, query()))));
      return;
    }
    replace(bar,
      h('span', { class: 'view-name', dataset: { testid: 'people-view-current' } }, view.name),
      button('Rename…', 'people-view-rename', () => ask(view.name, (name) => api.renamePeopleView(view.id, name))),
      button('Delete', 'people-view-delete', () => remove(view), 'link danger'));
  }

  /** The name field, with Save and Cancel; `write(name)` resolves to every view. */
  function ask(name, write) {
    const input = h('input', { type: 'text', value: name, maxlength: 60, 'aria-label': 'Name of the view', placeholder: 'Name of the view',
      dataset: { testid: 'people-view-name' } });
    const error = h('p', { class: 'error', role: 'alert', dataset: { testid: 'error-view-name' } });
    const save = async () => {
      try {
        const before = new Set(views.map((v) => v.id));
        views = await write(input.value);
        // A new view becomes the one shown; a renamed one stays it.
        const made = views.find((v) => !before.has(v.id));
        currentId = made ? made.id : currentId;
        changed();
        idle();
      } catch (err) {
        error.textContent = failure(err);
        input.focus();
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); save(); }
      if (e.key === 'Escape') { e.preventDefault(); idle(); }
    });
    replace(bar, h('div', { class: 'view-form' }, input, button('Save', 'people-view-save', save, 'primary'), button('Cancel', 'people-view-cancel', idle)), error);
    input.focus();
    input.select();
  }

  async function remove(view) {
    const fresh = await guard(api.deletePeopleView(view.id));
    if (!fresh) return;
    views = fresh;
    currentId = null;
    changed();
    toast(`Deleted the view ${view.name}.`, { label: 'Undo', run: () => guard(api.savePeopleView(view.name, view.query).then((back) => { views = back; changed(); })) });
  }

  // A name being typed is left alone; the screen calls leave() when it goes.
  const render = () => { if (!bar.querySelector('input')) idle(); };
  shown.add(render);
  idle();
  return { el: bar, leave: () => shown.delete(render) };
}
