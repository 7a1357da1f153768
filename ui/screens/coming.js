// A screen whose capability has not been built yet: says what will be here.

import { h, replace } from '../dom.js';

export function comingScreen(title, what) {
  return (main) => {
    replace(main,
      h('header', { class: 'screen-head' }, h('h1', {}, title)),
      h('section', { class: 'empty', dataset: { testid: `coming-${title.toLowerCase()}` } },
        h('p', {}, what),
        h('p', { class: 'muted' }, 'Not in this version yet.')));
    return {};
  };
}
