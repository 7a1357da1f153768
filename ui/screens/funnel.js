// The funnel: the ladder read as conversion, per origin, with what the time cost and
// where people stall. Every figure comes from the core (`funnel`); this screen lays them
// out, draws the bars as SVG beside a table of the same numbers, and asks the core for
// the people behind any number.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { RUNG } from '../labels.js';
import { day, svg } from '../format.js';
import { failure, guard, toast } from '../toast.js';

// The query, kept while moving between screens.
const query = { period: { kind: 'all' }, origin: null, tag: null, include_archived: false };

const plural = (n, one, many) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
const hours = (h) => (h === null || h === undefined ? '—' : `${h.toLocaleString()} h`);
const percent = (p) => (p === null || p === undefined ? '—' : `${p} %`);
const days = (d) => Math.round(d).toLocaleString();
const spread = (s) => (!s ? '—' : `${days(s.median)} d (${days(s.p25)}–${days(s.p75)})`);

export function funnelScreen(main) {
  const body = h('div', { class: 'funnel', dataset: { testid: 'funnel' } });
  const tools = h('div', { class: 'actions funnel-tools' });
  replace(main, h('header', { class: 'screen-head' }, h('h1', {}, 'Funnel'), tools), body);
  // Who a clicked number counts, shown under the toolbar.
  const people = h('section', { class: 'panel funnel-people', hidden: true, dataset: { testid: 'funnel-people' }, 'aria-live': 'polite' });

  async function load() {
    try {
      const f = await api.funnel(query);
      replace(tools, ...toolbar(f));
      replace(body, people,
        reach(f),
        cost(f),
        stalls(f),
        quarters(f));
    } catch (err) {
      replace(body, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  function toolbar(f) {
    const step = (to, label, testid) => h('button', { type: 'button', 'aria-label': label, title: label, disabled: !to, dataset: { testid },
      onclick: () => { query.period = to; load(); } }, testid === 'funnel-prev' ? '‹' : '›');
    const kind = h('select', { 'aria-label': 'Period', dataset: { testid: 'funnel-period' }, onchange: () => {
      query.period = kind.value === 'all' ? { kind: 'all' } : kind.value === 'year' ? { kind: 'year', year: f.this_quarter.year } : f.this_quarter;
      load();
    } }, [['quarter', 'Quarter'], ['year', 'Year'], ['all', 'All time']].map(([v, t]) => h('option', { value: v, selected: f.query.period.kind === v }, t)));
    const origin = h('select', { 'aria-label': 'Where they started', dataset: { testid: 'funnel-origin' }, onchange: () => { query.origin = origin.value || null; load(); } },
      h('option', { value: '' }, 'Every origin'), f.origins.map((o) => h('option', { value: o.key, selected: f.query.origin === o.key }, o.label)));
    const tag = h('select', { 'aria-label': 'Tag', dataset: { testid: 'funnel-tag' }, onchange: () => { query.tag = tag.value || null; load(); } },
      h('option', { value: '' }, 'Any tag'));
    guard(api.listTags().then((names) => tag.append(...names.map((t) => h('option', { value: t, selected: f.query.tag === t }, t)))));
    const archived = h('input', { type: 'checkbox', checked: f.query.include_archived, dataset: { testid: 'funnel-archived' },
      onchange: () => { query.include_archived = archived.checked; load(); } });
    return [
      step(f.previous, 'Previous period', 'funnel-prev'),
      h('strong', { class: 'funnel-label', dataset: { testid: 'funnel-label' } }, f.label),
      step(f.next, 'Next period', 'funnel-next'),
      kind, origin, tag,
      h('label', { class: 'check' }, archived, 'Archived too'),
      h('button', { type: 'button', dataset: { testid: 'funnel-csv' }, onclick: () => guard(api.saveFunnelCsv(query).then((path) => path && toast(`Saved ${path}`))) }, 'Save as CSV…'),
    ];
  }

  /** A number that opens the people it counts. */
  function count(c, what, testid) {
    if (!c || c.n === 0) return h('span', { class: 'muted' }, '0');
    return h('button', { type: 'button', class: 'link count', dataset: { testid }, 'aria-label': `${c.n.toLocaleString()} ${what}: show them`,
      onclick: () => showPeople(c, what) }, c.n.toLocaleString());
  }

  async function showPeople(c, what) {
    try {
      const list = await api.funnelPeople(query, c.cell);
      replace(people,
        h('header', { class: 'funnel-people-head' },
          h('h2', {}, `${plural(list.length, 'person', 'people')}: ${what}`),
          h('button', { type: 'button', class: 'link', onclick: () => { people.hidden = true; } }, 'Close')),
        h('ol', { class: 'funnel-people-list' }, list.map((p) => h('li', { dataset: { testid: 'funnel-person' } },
          h('a', { href: `#people/${p.id}` }, p.display_name),
          h('span', { class: 'muted' }, ` · ${RUNG[p.rung] ?? p.rung}${p.highest !== p.rung ? `, once ${RUNG[p.highest] ?? p.highest}` : ''} · started ${day(p.started_at)}`)))));
      people.hidden = false;
      people.scrollIntoView({ block: 'nearest' });
      people.querySelector('a')?.focus();
    } catch (err) {
      toast(failure(err));
    }
  }

  function reach(f) {
    // Narrowed to one origin, the whole is that origin's.
    const only = f.origins.find((o) => o.key === f.query.origin);
    const origins = only ? [{ ...f.overall, label: only.label }] : [f.overall, ...f.by_origin];
    if (f.overall.rungs[0].reached.n === 0) {
      return h('section', {}, h('h2', {}, 'Where people come from and where they get to'),
        h('p', { class: 'muted', dataset: { testid: 'funnel-empty' } }, `No one started in ${f.label === 'All time' ? 'the diary' : f.label} with these filters.`));
    }
    return h('section', {}, h('h2', {}, 'Where people come from and where they get to'),
      h('div', { class: 'funnel-origins' }, origins.map((o) => originFunnel(o))));
  }

  function originFunnel(o) {
    const key = o.origin ?? 'all';
    const top = Math.max(1, o.rungs[0].reached.n);
    const rowHeight = 22;
    const chart = svg('svg', { viewBox: `0 0 200 ${rowHeight * o.rungs.length}`, class: 'funnel-chart', role: 'img',
      'aria-label': `${o.label}: ${o.rungs.map((r) => `${r.reached.n} ${RUNG[r.rung] ?? r.rung}`).join(', ')}` });
    o.rungs.forEach((r, i) => {
      const width = Math.max(r.reached.n > 0 ? 2 : 0, (r.reached.n / top) * 200);
      chart.append(svg('rect', { x: (200 - width) / 2, y: i * rowHeight + 2, width, height: rowHeight - 4, rx: 3, class: `rung-${r.rung}` }));
    });
    const byHand = (r) => (r.by_hand.n > 0 ? count(r.by_hand, `${RUNG[r.rung]} set by hand, from ${o.label}`, `funnel-by-hand-${key}-${r.rung}`) : '');
    return h('article', { class: 'funnel-origin', dataset: { testid: `funnel-origin-${key}` } },
      h('h3', {}, o.label, o.stops_at && h('span', { class: 'muted' }, ` · most stop at ${RUNG[o.stops_at] ?? o.stops_at}`)),
      h('div', { class: 'funnel-pair' }, chart,
        h('table', { class: 'yield' },
          h('thead', {}, h('tr', {}, ['Rung', 'Reached', 'By hand', 'On to the next', 'Days to the next (middle half)'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, o.rungs.map((r, i) => {
            const step = o.steps[i];
            return h('tr', {},
              h('th', { scope: 'row' }, RUNG[r.rung] ?? r.rung),
              h('td', {}, count(r.reached, `reached ${RUNG[r.rung]}, from ${o.label}`, `funnel-reached-${key}-${r.rung}`)),
              h('td', {}, byHand(r)),
              h('td', {}, step ? percent(step.percent) : ''),
              h('td', {}, step ? spread(step.days) : ''));
          })))));
  }

  // A row per origin; each count carries what one of it cost, so the table stays narrow.
  function cost(f) {
    return h('section', {}, h('h2', {}, 'What it cost'),
      f.costs.length === 0 ? h('p', { class: 'muted' }, 'No one to count yet.')
        : h('table', { class: 'yield funnel-cost', dataset: { testid: 'funnel-cost' } },
          h('thead', {}, h('tr', {}, ['Origin', 'Time there', 'Moved a rung', 'First calls', 'First meetings', 'Business won'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, f.costs.map((c) => {
            const key = c.origin ?? 'all';
            const cell = (n, rate, what, testid) => h('td', {}, count(n, `${what}, from ${c.label}`, `funnel-${testid}-${key}`),
              c.measured && rate !== null && h('span', { class: 'muted each', dataset: { testid: `funnel-per-${testid}-${key}` } }, ` ${hours(rate)} each`));
            return h('tr', { dataset: { testid: `funnel-cost-${key}` } },
              h('th', { scope: 'row' }, c.label),
              h('td', { dataset: { testid: `funnel-hours-${key}` } }, c.measured ? hours(c.hours) : h('span', { class: 'muted' }, 'not measured')),
              cell(c.moved, c.hours_per_moved, 'moved a rung', 'moved'),
              cell(c.first_calls, c.hours_per_first_call, 'a first call', 'calls'),
              cell(c.first_meetings, c.hours_per_first_meeting, 'a first meeting', 'meetings'),
              cell(c.business_won, c.hours_per_business_won, 'business won', 'won'));
          }))),
      h('p', { class: 'muted' }, 'Time is the hours on the platform in the period; "each" is those hours over the people counted.'));
  }

  function stalls(f) {
    const rungs = f.stalls.filter((s) => s.people.length > 0);
    return h('section', {}, h('h2', {}, 'Where it stalls'),
      rungs.length === 0 ? h('p', { class: 'muted' }, 'No one is waiting on a rung.')
        : h('div', { class: 'funnel-stalls' }, rungs.map((s) => h('article', { dataset: { testid: `funnel-stalls-${s.rung}` } },
          h('h3', {}, `${RUNG[s.rung] ?? s.rung}: ${plural(s.waiting, 'person', 'people')} waiting`),
          h('ol', {}, s.people.map((p) => h('li', { dataset: { testid: 'funnel-stall' } },
            h('a', { href: `#people/${p.person_id}` }, p.display_name),
            h('span', { class: 'muted' }, ` · ${plural(p.days_waiting, 'day', 'days')}${p.last_touch_at ? `, last touch ${day(p.last_touch_at)}` : ', never touched'}`),
            p.follow_up_id !== null && h('span', { class: 'muted' }, ' · follow-up planned'))))))));
  }

  function quarters(f) {
    if (f.quarters.length === 0) return null;
    const rungs = f.overall.rungs.map((r) => r.rung);
    return h('section', {}, h('h2', {}, 'Quarter by quarter'),
      h('table', { class: 'yield', dataset: { testid: 'funnel-quarters' } },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Started in'), rungs.map((r) => h('th', { scope: 'col' }, RUNG[r] ?? r)))),
        h('tbody', {}, f.quarters.map((q) => h('tr', {},
          h('th', { scope: 'row' }, q.label),
          q.reached.map((c, i) => h('td', {}, count(c, `started in ${q.label}, reached ${RUNG[rungs[i]]}`, `funnel-quarter-${rungs[i]}`),
            i > 0 && q.percents[i - 1] !== null ? h('span', { class: 'muted' }, ` ${q.percents[i - 1]} %`) : '')))))));
  }

  load();
  return { refresh: load };
}
