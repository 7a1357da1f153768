// A form's bad input as the core reports it: every problem at once, each beside its
// field, and the first of them focused. The messages are the core's, set as text.

import { failure } from './toast.js';

/** The core's problems with an input, each { field, message }; none for other errors. */
export function problemsOf(err) {
  if (Array.isArray(err?.problems)) return err.problems;
  return err?.field ? [{ field: err.field, message: err.message }] : [];
}

/**
 * The places a form shows problems in. `errors` maps a field to the element beside it;
 * `formError` takes any other error; `input(field)` is what to focus for a field (an
 * element or anything with `focus()`), or null.
 */
export function formProblems(form, { errors, formError, input = () => null }) {
  const places = () => new Set([...Object.values(errors), formError]);
  const say = (el, message) => { el.textContent = el.textContent ? `${el.textContent} ${message}` : message; };
  return {
    /** Empties every message and mark, as a new submit starts. */
    clear() {
      for (const el of places()) el.textContent = '';
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    },
    /** Shows `err`: each problem on its field, the first in the form's order focused. */
    show(err) {
      const problems = problemsOf(err);
      if (problems.length === 0) {
        say(formError, failure(err));
        return;
      }
      const placeOf = (p) => errors[p.field] ?? formError;
      for (const p of problems) {
        const place = placeOf(p);
        say(place, p.message);
        // A message folded away is no message.
        const details = place.closest('details');
        if (details) details.open = true;
        const el = input(p.field);
        if (el instanceof Element && el.matches('input, select, textarea')) el.setAttribute('aria-invalid', 'true');
      }
      const before = (a, b) => Boolean(placeOf(b).compareDocumentPosition(placeOf(a)) & Node.DOCUMENT_POSITION_PRECEDING);
      const first = problems.reduce((best, p) => (before(p, best) ? p : best));
      input(first.field)?.focus();
    },
  };
}
