// The week in review: what the week's time bought, and the user's reflection on it.
// Every figure comes from the core; this screen only lays them out. The reflection is
// loaded once per week and saved as it is written, so a refresh never eats typing.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import { CHANNEL, RUNG } from '../labels.js';
import { addDays, dayRange, dayText, duration, money, shortDay, svg, timeOfDay, todayIso, when } from '../format.js';
import { failure, guard, toast } from '../toast.js';

export function weekScreen(main, [asked] = []) {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(asked ?? '') ? asked : todayIso();
  const go = (to) => { location.hash = `#week/${to}`; };
  const title = h('h1', { dataset: { testid: 'week-title' } }, 'Week');
  const picker = h('input', { type: 'date', value: day, 'aria-label': 'Go to the week of', dataset: { testid: 'week-day' },
    onchange: () => picker.value && go(picker.value) });
  const next = h('button', { type: 'button', title: 'Next week (])', 'aria-label': 'Next week', dataset: { testid: 'week-next' }, onclick: () => go(addDays(day, 7)) }, '›');
  const figures = h('div', { class: 'week-figures', dataset: { testid: 'week' } });
  const reflection = h('section', { class: 'reflection', dataset: { testid: 'reflection' } });
  replace(main,
    h('header', { class: 'screen-head week-head' },
      title,
      h('div', { class: 'actions' },
        h('button', { type: 'button', title: 'Previous week ([)', 'aria-label': 'Previous week', dataset: { testid: 'week-prev' }, onclick: () => go(addDays(day, -7)) }, '‹'),
        h('button', { type: 'button', dataset: { testid: 'week-this' }, onclick: () => go(todayIso()) }, 'This week'),
        next, picker,
        h('button', { type: 'button', dataset: { testid: 'week-markdown' }, onclick: saveMarkdown }, 'Save as Markdown…'),
        h('button', { type: 'button', dataset: { testid: 'week-print' }, onclick: () => guard(api.printWeek()) }, 'Print…'))),
    h('div', { class: 'week' }, figures, reflection));

  // A declaration, not a const: the toolbar above refers to it before this line runs.
  function saveMarkdown() {
    return guard(api.saveWeekMarkdown(day).then((path) => path && toast(`Saved ${path}`)));
  }

  let first = true;
  async function load() {
    try {
      const week = await api.weekReview(day);
      title.textContent = `Week of ${dayRange(week.week_start, week.week_end)}`;
      next.disabled = week.current;
      replace(figures, ...figureSections(week));
      if (first) {
        first = false;
        showReflection(week.reflection);
      }
    } catch (err) {
      replace(figures, h('p', { class: 'error', role: 'alert' }, failure(err)));
    }
  }

  function showReflection(r) {
    const status = h('span', { class: 'muted saved', role: 'status', dataset: { testid: 'reflection-status' } },
      r.updated_at ? `Saved ${when(r.updated_at)}` : '');
    // Every save of the reflection reports here, beside its heading: the time it was
    // saved, or why it was not. Resolves to what the core now holds, or null on failure.
    const saved = async (promise) => {
      try {
        const fresh = await promise;
        status.className = 'muted saved';
        status.textContent = `Saved ${timeOfDay(fresh.updated_at)}`;
        return fresh;
      } catch (err) {
        status.className = 'error saved';
        status.textContent = `Not saved: ${failure(err)}`;
        return null;
      }
    };

    const answers = r.answers.map((a, i) => {
      const tick = h('input', { type: 'checkbox', checked: a.ticked, dataset: { testid: `answer-${i}-tick` } });
      const text = h('input', { type: 'text', value: a.answer, placeholder: 'In a sentence…', 'aria-label': a.prompt, dataset: { testid: `answer-${i}-text` } });
      const save = () => saved(api.saveWeekAnswer(day, a.prompt, text.value, tick.checked));
      tick.addEventListener('change', save);
      text.addEventListener('change', save);
      return h('li', { class: 'answer' }, h('label', { class: 'check' }, tick, h('span', {}, a.prompt)), text);
    });

    const journal = h('textarea', { rows: 6, placeholder: 'What went well, what did not, what you noticed…', 'aria-label': 'Journal', dataset: { testid: 'journal' } });
    journal.value = r.journal;
    let pending = null;
    let last = r.journal;
    const saveJournal = () => {
      clearTimeout(pending);
      if (journal.value === last) return;
      const text = journal.value;
      saved(api.saveWeekJournal(day, text)).then((fresh) => { if (fresh) last = text; });
    };
    journal.addEventListener('input', () => { clearTimeout(pending); pending = setTimeout(saveJournal, 800); });
    journal.addEventListener('blur', saveJournal);

    const intentions = h('ol', { class: 'intentions', dataset: { testid: 'intentions' } });
    let current = [];
    const show = (list) => { current = list; replace(intentions, list.map(intentionRow)); };
    function intentionRow(i) {
      // When the line may mean several people the core makes nothing and names them: the
      // user picks one (or no one) under the line, and the core is asked again.
      let row = null;
      const makeFollowUp = (person = null) => guard(api.intentionFollowUp(i.id, person).then(async (answer) => {
        if (answer.outcome === 'choose') {
          row.querySelector('.chooser')?.remove();
          row.append(chooser(answer.candidates, makeFollowUp, () => show(current)));
          row.querySelector('[data-testid=intention-candidate]')?.focus();
          return;
        }
        toast(`Follow-up due ${shortDay(answer.follow_up.due_at)}${answer.follow_up.person ? ` with ${answer.follow_up.person.display_name}` : ''}.`);
        show((await api.weekReview(day)).reflection.intentions);
      }));
      const state = i.follow_up_status
        ? h('span', { class: `badge status-${i.follow_up_status}`, dataset: { testid: 'intention-state' } }, i.follow_up_status === 'done' ? 'Done' : i.follow_up_status === 'open' ? 'Follow-up made' : i.follow_up_status)
        : h('button', { type: 'button', class: 'link', dataset: { testid: 'intention-follow-up' }, onclick: () => makeFollowUp() }, 'Make a follow-up');
      const text = h('span', { class: 'what', dataset: { testid: 'intention-text' } }, i.text);
      const edit = () => {
        const input = h('input', { type: 'text', value: i.text, 'aria-label': 'Edit what you will do' });
        const done = (keep) => (keep && input.value.trim() !== i.text
          ? saved(api.updateIntention(i.id, input.value)).then((fresh) => (fresh ? show(fresh.intentions) : input.focus()))
          : show(current));
        input.addEventListener('keydown', (e) => { if (e.key === 'Enter') done(true); if (e.key === 'Escape') done(false); });
        input.addEventListener('blur', () => done(true), { once: true });
        text.replaceWith(input);
        input.focus();
      };
      row = h('li', { class: 'intention', dataset: { testid: 'intention-row' } }, text, state,
        h('span', { class: 'row-actions' },
          h('button', { type: 'button', class: 'link', onclick: edit }, 'Edit'),
          h('button', { type: 'button', class: 'link danger', onclick: () => saved(api.deleteIntention(i.id)).then((fresh) => fresh && show(fresh.intentions)) }, 'Delete')));
      return row;
    }
    show(r.intentions);
    const add = h('input', { type: 'text', placeholder: 'Next week I will… (Enter to add)', 'aria-label': 'Next week I will', dataset: { testid: 'intention-input' } });
    add.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || !add.value.trim()) return;
      e.preventDefault();
      saved(api.addIntention(day, add.value)).then((fresh) => { if (fresh) { add.value = ''; show(fresh.intentions); } });
    });

    replace(reflection,
      h('header', { class: 'reflection-head' }, h('h2', {}, 'Reflection'), status),
      h('ol', { class: 'answers', dataset: { testid: 'answers' } }, answers),
      h('h3', {}, 'Journal'), journal,
      h('h3', {}, 'Next week I will'), intentions, add);
  }

  const onKey = (e) => {
    if (e.target.closest('input, textarea, select') || e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === '[') go(addDays(day, -7));
    if (e.key === ']' && !next.disabled) go(addDays(day, 7));
  };
  document.addEventListener('keydown', onKey);
  load();
  return { refresh: load, leave: () => document.removeEventListener('keydown', onKey) };
}

function figureSections(w) {
  const all = w.time.uses[0];
  const { kept, due } = w.follow_ups;
  const won = w.outcomes.won_value.length ? w.outcomes.won_value.map(money).join(', ') : String(w.outcomes.business_won);
  return [
    h('dl', { class: 'figures week-summary' },
      figure('Social media', all.budget_minutes ? `${duration(all.used_seconds)} of ${duration(all.budget_minutes * 60)}` : duration(all.used_seconds), 'fig-social', all.level === 'over' ? 'over' : ''),
      figure('Personal touches', w.touches.personal, 'fig-personal'),
      figure('Calls and meetings', w.touches.spoken, 'fig-calls'),
      figure('Moved up the ladder', w.ladder.moved_up, 'fig-moved'),
      figure('Follow-ups kept', due ? `${kept} of ${due}` : '—', 'fig-kept'),
      figure('Business won', won, 'fig-won')),
    h('div', { class: 'week-grid' },
      timeSection(w), touchSection(w), ladderSection(w), followUpSection(w), outcomeSection(w),
      w.neglected && neglectedSection(w.neglected), trendSection(w.trend)),
  ];
}

const count = (n, one, many) => `${n} ${n === 1 ? one : many}`;

function figure(label, value, testid, tone = '') {
  return h('div', { class: `figure ${tone}` }, h('dt', {}, label), h('dd', { dataset: { testid } }, String(value)));
}

function section(title, testid, ...children) {
  return h('section', { class: 'panel', dataset: { testid } }, h('h2', {}, title), ...children);
}

function timeSection(w) {
  const uses = w.time.uses.slice(1).filter((u) => u.used_seconds > 0 || u.budget_minutes);
  const most = Math.max(1, ...uses.map((u) => Math.max(u.used_seconds, (u.budget_minutes ?? 0) * 60)));
  const yieldOf = (scope) => w.yields.find((y) => y.platform === scope);
  return section('Time', 'week-time',
    uses.length === 0 ? h('p', { class: 'muted' }, 'No time on social media this week.')
      : h('ul', { class: 'hbars' }, uses.map((u) => {
        const bar = h('span', { class: 'bar' }, h('span', { class: `fill ${u.level}` }));
        bar.firstChild.style.width = `${(u.used_seconds / most) * 100}%`;
        if (u.budget_minutes) {
          const mark = h('span', { class: 'budget-mark', title: `Budget ${duration(u.budget_minutes * 60)}` });
          mark.style.left = `${((u.budget_minutes * 60) / most) * 100}%`;
          bar.append(mark);
        }
        const y = yieldOf(u.scope);
        return h('li', { dataset: { testid: `time-${u.scope}` } },
          h('span', { class: 'label' }, u.label), bar,
          h('span', { class: 'value' }, duration(u.used_seconds)),
          h('span', { class: 'muted yield-line' }, y ? [`${y.personal_touches} personal · ${count(y.replies, 'reply', 'replies')} · ${count(y.calls_booked, 'call', 'calls')} booked`,
            !y.time_measured ? ' · no time measured' : y.minutes_per_conversation === null ? '' : ` · ${duration(y.minutes_per_conversation * 60)} per conversation`].join('') : ''));
      })),
    all(w.time.uses[0]),
    // From the funnel: the quarter's hours per first call, per platform.
    w.first_call_line && h('p', { class: 'muted', dataset: { testid: 'week-first-calls' } }, h('a', { href: '#funnel' }, w.first_call_line)));
}

function all(u) {
  if (!u.budget_minutes) return h('p', { class: 'muted' }, `${duration(u.used_seconds)} in all, no weekly budget.`);
  const left = u.left_seconds >= 0 ? `${duration(u.left_seconds)} left` : `${duration(-u.left_seconds)} over`;
  return h('p', { class: u.level === 'over' ? 'warning' : 'muted', dataset: { testid: 'time-all' } },
    `${duration(u.used_seconds)} of the ${duration(u.budget_minutes * 60)} budget (${u.percent} %), ${left}.`);
}

function touchSection(w) {
  const t = w.touches;
  const parts = [['written', 'Written', t.written], ['voice', 'Voice', t.voice], ['face', 'Face to face', t.face_to_face]];
  const stack = h('div', { class: 'stack', role: 'img', 'aria-label': parts.map(([, l, n]) => `${l} ${n}`).join(', ') });
  for (const [key, , n] of parts) {
    if (!n) continue;
    const seg = h('span', { class: `seg seg-${key}` });
    seg.style.flexGrow = String(n);
    stack.append(seg);
  }
  return section('Touches', 'week-touches',
    h('p', {}, h('strong', { dataset: { testid: 'touch-total' } }, String(t.total)), ' touches · ',
      h('span', { dataset: { testid: 'touch-personal-share' } }, t.total ? `${t.personal_percent} % personal (${t.personal} personal, ${t.broadcast} broadcast)` : 'none this week')),
    t.total > 0 && stack,
    h('ul', { class: 'legend' }, parts.map(([key, label, n]) => h('li', {}, h('span', { class: `swatch seg-${key}` }), `${label} `, h('strong', { dataset: { testid: `mix-${key}` } }, String(n))))),
    h('ul', { class: 'channel-counts' }, t.by_channel.filter((c) => c.count > 0).map((c) =>
      h('li', { dataset: { testid: `channel-${c.channel}` } }, `${CHANNEL[c.channel]} `, h('strong', {}, String(c.count))))));
}

function personLink(p) {
  return h('a', { href: `#people/${p.id}` }, p.display_name);
}

function ladderSection(w) {
  const l = w.ladder;
  const people = (list) => (list.length ? list.flatMap((p, i) => (i ? [', ', personLink(p)] : [personLink(p)])) : ['nobody']);
  return section('The ladder', 'week-ladder',
    l.moves.length === 0 ? h('p', { class: 'muted' }, 'Nobody moved this week.')
      : h('ol', { class: 'moves' }, l.moves.map((m) => h('li', { dataset: { testid: 'week-move' } },
        personLink(m.person), m.added ? h('span', { class: 'muted' }, ' (new)') : '', ' ',
        h('span', { class: `rung rung-${m.from}` }, RUNG[m.from]), ' → ', h('span', { class: `rung rung-${m.to}` }, RUNG[m.to])))),
    l.moves_total > l.moves.length && h('p', { class: 'muted' }, `and ${l.moves_total - l.moves.length} more`),
    h('p', { dataset: { testid: 'first-calls' } }, h('strong', {}, 'First calls: '), ...people(l.first_calls)),
    h('p', { dataset: { testid: 'first-meetings' } }, h('strong', {}, 'First meetings: '), ...people(l.first_meetings)),
    h('table', { class: 'yield rungs' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Rung'), h('th', {}, 'Week before'), h('th', {}, 'Week end'), h('th', {}, ''))),
      h('tbody', {}, l.rungs.map((r) => h('tr', { dataset: { testid: `rung-${r.rung}` } },
        h('td', {}, RUNG[r.rung]), h('td', {}, String(r.before)), h('td', {}, String(r.after)),
        h('td', { class: r.after > r.before ? 'up' : r.after < r.before ? 'down' : 'muted' }, r.change))))));
}

function followUpSection(w) {
  const f = w.follow_ups;
  return section('Follow-ups', 'week-follow-ups',
    h('p', {},
      h('strong', { dataset: { testid: 'fu-done' } }, String(f.done)), ' done on time · ',
      h('strong', { dataset: { testid: 'fu-late' } }, String(f.done_late)), ' done late · ',
      h('strong', { dataset: { testid: 'fu-missed' } }, String(f.missed.length)), ' missed · ',
      f.overdue.length > 0 && [h('strong', { dataset: { testid: 'fu-overdue' } }, String(f.overdue.length)), ' overdue · '],
      h('strong', { dataset: { testid: 'fu-created' } }, String(f.created)), ' made'),
    [...f.missed, ...f.overdue].length > 0 && h('ul', { class: 'missed' }, [...f.missed, ...f.overdue].map((m) => h('li', {},
      m.title, m.person ? [' · ', personLink(m.person)] : '', h('span', { class: 'muted' }, ` · due ${shortDay(m.due)}`)))));
}

function outcomeSection(w) {
  const o = w.outcomes;
  const row = (label, n, testid) => h('li', {}, `${label} `, h('strong', { dataset: { testid } }, String(n)));
  return section('Outcomes', 'week-outcomes',
    h('ul', { class: 'channel-counts' },
      row('Replies', o.replies, 'out-replies'), row('Calls booked', o.calls_booked, 'out-calls'),
      row('Meetings booked', o.meetings_booked, 'out-meetings'), row('Referrals', o.referrals, 'out-referrals'),
      row('Business won', o.business_won, 'out-won')),
    o.won_value.length > 0 && h('p', { dataset: { testid: 'out-value' } }, `Worth ${o.won_value.map(money).join(', ')}`));
}

function neglectedSection(list) {
  return section('Neglected', 'week-neglected',
    list.length === 0 ? h('p', { class: 'muted' }, 'Nobody: everyone who matters heard from you in time.')
      : h('ol', { class: 'nudges' }, list.map((n) => h('li', { class: `nudge nudge-${n.kind}`, dataset: { testid: 'neglected-row' } },
        h('span', { class: 'what' }, h('a', { href: `#people/${n.person_id}` }, n.display_name), h('span', { class: 'muted' }, ` · ${n.detail}`)),
        h('button', { type: 'button', class: 'link', dataset: { testid: 'neglected-follow-up' },
          onclick: () => guard(api.nudgeFollowUp(n).then(() => toast('Added to today.'))) }, 'Make a follow-up')))));
}

function trendSection(trend) {
  const chart = (label, value, format, testid) => {
    const max = Math.max(1, ...trend.map(value));
    const width = trend.length * 20;
    const chartSvg = svg('svg', { viewBox: `0 0 ${width} 64`, class: 'spark', role: 'img', 'aria-label': `${label}, the last ${trend.length} weeks` });
    trend.forEach((t, i) => {
      const height = Math.max((value(t) / max) * 48, value(t) ? 2 : 0.5);
      const bar = svg('rect', { x: i * 20 + 3, y: 50 - height, width: 14, height, class: i === trend.length - 1 ? 'this-week' : '' });
      bar.append(svg('title', {}, `${dayText(t.week_start, { day: 'numeric', month: 'short' })}: ${format(value(t))}`));
      chartSvg.append(bar);
    });
    chartSvg.append(svg('text', { x: 0, y: 62 }, dayText(trend[0].week_start, { day: 'numeric', month: 'short' })));
    chartSvg.append(svg('text', { x: width, y: 62, 'text-anchor': 'end' }, 'this week'));
    return h('figure', { class: 'trend-chart', dataset: { testid } }, h('figcaption', {}, label, ' ', h('strong', {}, format(value(trend[trend.length - 1])))), chartSvg);
  };
  return section(`The last ${trend.length} weeks`, 'week-trend',
    h('div', { class: 'trend-charts' },
      chart('Social media', (t) => t.minutes, (m) => duration(m * 60), 'trend-minutes'),
      chart('Personal touches', (t) => t.personal_touches, String, 'trend-personal'),
      chart('Calls and meetings', (t) => t.calls_and_meetings, String, 'trend-calls')));
}

/** "Who is this with?": a button per person the line may mean, no one, or not now. */
function chooser(candidates, pick, cancel) {
  const who = (p) => [p.display_name, p.company, RUNG[p.rung]].filter(Boolean).join(' · ');
  const box = h('div', { class: 'chooser', role: 'group', 'aria-label': 'Who is this with?', dataset: { testid: 'intention-chooser' },
    onkeydown: (e) => { if (e.key === 'Escape') cancel(); } },
    h('span', { class: 'muted' }, 'Who is this with?'),
    candidates.map((p) => h('button', { type: 'button', dataset: { testid: 'intention-candidate', id: p.id }, onclick: () => pick({ person: p.id }) }, who(p))),
    h('button', { type: 'button', class: 'link', dataset: { testid: 'intention-no-one' }, onclick: () => pick('no_one') }, 'No one'),
    h('button', { type: 'button', class: 'link', onclick: cancel }, 'Not now'));
  return box;
}
