// Builds DOM nodes. Text always goes in as text nodes, so user data is never parsed as HTML.

/**
 * h('p', { class: 'x', dataset: { testid: 'y' }, onclick: fn }, 'text', child, ...)
 * Attributes starting with "on" become listeners; `dataset` sets data-* attributes;
 * false/null/undefined attributes and children are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === false || child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `el` with `children`. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Text whose matches the core marked with \u0002 … \u0003, as text nodes and <mark>
 * elements: the marks come from the core, never markup from the text.
 */
export function marked(text) {
  return text.split('\u0002').flatMap((part, i) => {
    if (i === 0) return [part];
    const [hit, ...rest] = part.split('\u0003');
    return [h('mark', {}, hit), rest.join('')];
  });
}
