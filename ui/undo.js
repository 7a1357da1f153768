// The Undo actions that confirmations offer (toast's action): each takes back one write
// through the core, which decides whether it still can.

import * as api from './api.js';
import { guard, toast } from './toast.js';

const undo = (run) => ({ label: 'Undo', run: () => guard(run()) });

/** Takes a rung move back (the person's latest change of rung). */
export const undoMove = (change) => undo(() => api.undoRungChange(change.id));
/** Brings an archived person back. */
export const undoArchive = (person) => undo(() => api.restorePerson(person.id));
/** Shows a dismissed nudge again. */
export const undoDismiss = (nudge) => undo(() => api.restoreNudge(nudge));
/** Puts back the follow-ups of a change made to many (or one) at once, as they were. */
export const undoFollowUps = (change) => undo(() => api.undoFollowUps(change).then((undone) => toast(undone.message)));
/** Takes back an action on many people, where the core named one that does. */
export const undoPeople = (done) => (done.undo ? undo(() => api.actOnPeople(done.changed, done.undo)) : null);
/** Adds a deleted important date back, as it was. */
export const undoDeleteDate = (date) => undo(() => api.addDate(date.person_id,
  { kind: date.kind, label: date.label, month: date.month, day: date.day, year: date.year }));
