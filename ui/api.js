// The one module that talks to the shell. Each function is one command; a failed call
// rejects with the core's error, { kind, message, field? }.

const { invoke } = window.__TAURI__.core;
const { listen } = window.__TAURI__.event;

/** Normalises whatever the IPC layer rejected with into { kind, message, field? }. */
async function call(cmd, args) {
  try {
    return await invoke(cmd, args);
  } catch (err) {
    if (err && typeof err === 'object' && 'message' in err) throw err;
    throw { kind: 'internal', message: String(err) };
  }
}

export const diaryStatus = () => call('diary_status');
export const listPeople = (search = '') => call('people_list', { search });
export const getPerson = (id) => call('person_get', { id });
export const addPerson = (person) => call('person_add', { person });
export const updatePerson = (id, person) => call('person_update', { id, person });

/** Calls `refresh` after every write anywhere in the app. */
export const onDiaryChanged = (refresh) => listen('diary-changed', refresh);
