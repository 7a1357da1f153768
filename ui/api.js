// The one module that talks to the shell. Each function is one command; a failed call
// rejects with the core's error, { kind, message, field?, problems? }.

const { invoke } = window.__TAURI__.core;
const { listen } = window.__TAURI__.event;

/** Normalises whatever the IPC layer rejected with into { kind, message, field?, problems? }. */
async function call(cmd, args) {
  try {
    return await invoke(cmd, args);
  } catch (err) {
    if (err && typeof err === 'object' && 'message' in err) throw err;
    throw { kind: 'internal', message: String(err) };
  }
}

export const diaryStatus = () => call('diary_status');
export const about = () => call('app_about');
/** A typed day ("24 Dec") as 'YYYY-MM-DD'; rejects with the problem (field 'day') named. */
export const readDay = (text) => call('day_read', { text });
/** The vocabulary's labels and menus (labels.js holds them once loaded). */
export const vocabulary = () => call('app_vocabulary');
/** The first screen shows real data (the shell logs when, for start-up timing). */
export const appReady = () => call('app_ready');
export const openBackups = () => call('backups_open');
export const listBackups = () => call('backups_list');
/**
 * Asks where to save an export ('json', 'people_csv', 'touches_csv', 'vcard',
 * 'follow_ups_ics') and writes it; resolves to the path, or null if cancelled.
 */
export const exportAs = (format) => call('diary_export', { format });
// Import: the shell reads only files chosen in its dialog or dropped on the window.
/** Resolves to the chosen file's path, or null if cancelled. */
export const pickImport = () => call('import_pick');
export const previewImport = (path) => call('import_preview', { path });
export const applyImport = (path, fingerprint) => call('import_apply', { path, fingerprint });
export const pickImportFolder = () => call('import_pick_folder');
/** 'contacts' for an address book, 'archive' for a platform's data export. */
export const importKind = (path) => call('import_kind', { path });
export const previewArchive = (path, choices) => call('archive_preview', { path, choices });
export const applyArchive = (path, fingerprint, choices) => call('archive_apply', { path, fingerprint, choices });
export const importRuns = () => call('import_runs');
export const undoImport = (id) => call('import_undo', { id });
export const captureStatus = () => call('capture_status');
/** 'on', 'off', 'pause_for_an_hour', 'pause_until_tomorrow'. */
export const setCapture = (choice) => call('capture_set', { choice });
export const watchRules = () => call('watch_rules_get');
export const setWatchRules = (rules) => call('watch_rules_set', { rules });
export const resetWatchRules = () => call('watch_rules_reset');
export const watcherStatus = () => call('watcher_status');
/** The quick log's global shortcut: { shortcut, available, problem }. */
export const shortcutStatus = () => call('shortcut_status');
export const syncStatus = () => call('sync_status');
/** How far this device has read the others' files: { reading, read, of }; never waits for a round. */
export const syncProgress = () => call('sync_progress');
/** Turns sync on through `folder` under `name`, or renames this device. */
export const syncTurnOn = (folder, name) => call('sync_turn_on', { folder, name });
export const syncTurnOff = () => call('sync_turn_off');
export const syncRound = () => call('sync_round');
/** The system's folder dialog; resolves to the path, or null if closed. */
export const syncPickFolder = () => call('sync_pick_folder');
/** Sets it (null: none); rejects with the problem (field 'shortcut') if it cannot be taken. */
export const setShortcut = (shortcut) => call('shortcut_set', { shortcut });
/** The quick log the shortcut opened closed: the shell hands the desktop back. */
export const quickLogDone = () => call('quick_log_done');
/** The global shortcut was pressed: open the quick log, then say `quickLogDone`. */
export const onQuickLogFromAnywhere = (open) => listen('quick-log-from-anywhere', open);
/** A watched session asks who it was spent with. */
export const onLogPrompt = (show) => listen('log-prompt', (event) => show(event.payload));
/** A prompt's notification asks for the quick log on its platform and people. */
export const onOpenQuickLog = (open) => listen('open-quick-log', (event) => open(event.payload));
/** Tells `show` each part of an archive as it is read. */
export const onImportProgress = (show) => listen('import-progress', (event) => show(event.payload));
export const backUpNow = () => call('backup_now');
/** Replaces the diary with a backup; resolves to where the replaced file was kept. */
export const restoreBackup = (fileName) => call('backup_restore', { fileName });
/**
 * Asks for another diary file and makes it the diary; resolves to null if cancelled,
 * else to where the replaced file was kept (or null inside when there was none).
 */
export const openOtherDiary = () => call('diary_open_other');
// People
export const listPeople = (query = {}) => call('people_list', { query });
export const getPerson = (id) => call('person_get', { id });
export const personPage = (id) => call('person_page', { id });
export const listTags = () => call('tags_list');
export const addPerson = (person) => call('person_add', { person });
export const updatePerson = (id, person) => call('person_update', { id, person });
export const archivePerson = (id) => call('person_archive', { id });
export const restorePerson = (id) => call('person_restore', { id });
export const mergePeople = (keep, absorb) => call('people_merge', { keep, absorb });
export const duplicatesReview = () => call('duplicates_review');
export const dismissDuplicate = (a, b) => call('duplicate_dismiss', { a, b });
/** An important date: { kind, label, month, day, year (null: none) }. */
export const addDate = (personId, date) => call('date_add', { personId, date });
export const updateDate = (id, date) => call('date_update', { id, date });
export const deleteDate = (id) => call('date_delete', { id });
/** One action on every selected person: see the core's PeopleAction. */
export const actOnPeople = (ids, action) => call('people_act', { ids, action });
export const openHandle = (id) => call('handle_open', { id });
// Saved views of the People list; each write resolves to every view, { id, name, query }.
export const peopleViews = () => call('people_views');
export const savePeopleView = (name, query) => call('people_view_save', { name, query });
export const renamePeopleView = (id, name) => call('people_view_rename', { id, name });
export const deletePeopleView = (id) => call('people_view_delete', { id });

// The ladder
/** The board in `order` ('waiting' unless given), each column paged as far as `shown` says. */
export const ladderBoard = (query = {}) => call('ladder_board', { query });
export const setRung = (id, rung, reason = '') => call('person_set_rung', { id, rung, reason });
/** Takes back the latest change of a person's rung (the Undo of a move). */
export const undoRungChange = (changeId) => call('rung_change_undo', { changeId });

// Touches
export const listTouches = (query = {}) => call('touches_list', { query });
export const logTouch = (touch) => call('touch_log', { touch });
export const updateTouch = (id, touch) => call('touch_update', { id, touch });
export const deleteTouch = (id) => call('touch_delete', { id });
export const restoreTouch = (id) => call('touch_restore', { id });

/** Calls `refresh` after every write anywhere in the app. */
export const onDiaryChanged = (refresh) => listen('diary-changed', refresh);
/** A reminder the scheduler delivered: { summary, body, follow_up_id, person_id }. */
export const onReminder = (show) => listen('reminder', (event) => show(event.payload));
/** A notification asked to open the review of the week starting on the given day. */
export const onOpenWeek = (open) => listen('open-week', (event) => open(event.payload));
/** A notification or the tray asked to open a person. */
export const onImportDropped = (open) => listen('import-dropped', (event) => open(event.payload));
export const onOpenPerson = (open) => listen('open-person', (event) => open(event.payload));
export const notificationsStatus = () => call('notifications_status');
export const autostartGet = () => call('autostart_get');
export const autostartSet = (enabled) => call('autostart_set', { enabled });

// Settings
export const getSettings = () => call('settings_get');
export const updateSettings = (settings) => call('settings_update', { settings });

// Follow-ups and nudges
export const today = () => call('today');
/** One follow-up as it stands now, whatever its status. */
export const getFollowUp = (id) => call('follow_up_get', { id });
/** Adds a follow-up; one due in the past is refused with kind 'confirm' unless `pastOk`. */
export const addFollowUp = (followUp, { pastOk = false } = {}) => call('follow_up_add', { followUp, pastOk });
export const updateFollowUp = (id, followUp) => call('follow_up_update', { id, followUp });
export const completeFollowUp = (id, touchId = null) => call('follow_up_complete', { id, touchId });
export const snoozeFollowUp = (id, snooze) => call('follow_up_snooze', { id, snooze });
export const dropFollowUp = (id) => call('follow_up_drop', { id });
// The core reads the nudge again from the diary: the window names it, nothing more.
export const dismissNudge = (nudge) => call('nudge_dismiss', { personId: nudge.person_id, kind: nudge.kind });
export const restoreNudge = (nudge) => call('nudge_restore', { personId: nudge.person_id, kind: nudge.kind });
export const nudgeFollowUp = (nudge) => call('nudge_follow_up', { personId: nudge.person_id, kind: nudge.kind });
// Many at once; each resolves to { changed, message, before, at }, which undoes it.
export const completeFollowUps = (ids) => call('follow_ups_complete', { ids });
export const dropFollowUps = (ids) => call('follow_ups_drop', { ids });
export const moveFollowUps = (ids, day) => call('follow_ups_move', { ids, day });
export const dropFollowUpsBefore = (day) => call('follow_ups_drop_before', { day });
export const undoFollowUps = (change) => call('follow_ups_undo', { before: change.before, at: change.at });

// Time
export const timeView = () => call('time_view');
/** The running timer with its platform's label, or null: the sidebar's, on every screen. */
export const timerShown = () => call('timer_shown');
export const startTimer = (platform) => call('timer_start', { platform });
export const stopTimer = () => call('timer_stop');
export const toggleTimer = () => call('timer_toggle');
export const settleTimer = (choice) => call('timer_settle', { choice });
export const addSession = (session) => call('session_add', { session });
export const updateSession = (id, session) => call('session_update', { id, session });
export const deleteSession = (id) => call('session_delete', { id });
export const setBudget = (scope, minutes) => call('budget_set', { scope, minutes });
export const addPlatform = (label) => call('platform_add', { label });
export const renamePlatform = (key, label) => call('platform_rename', { key, label });
export const archivePlatform = (key) => call('platform_archive', { key });

// The week in review
export const weekReview = (day) => call('week_review', { day });
export const saveWeekJournal = (day, journal) => call('week_journal_save', { day, journal });
export const saveWeekAnswer = (day, prompt, answer, ticked) => call('week_answer_save', { day, prompt, answer, ticked });
export const addIntention = (day, text) => call('week_intention_add', { day, text });
export const updateIntention = (id, text) => call('week_intention_update', { id, text });
export const deleteIntention = (id) => call('week_intention_delete', { id });
/**
 * Makes a follow-up of an intention, due when the core says (next week, or today).
 * Resolves to { outcome: 'made', follow_up } or, when the line may mean several people,
 * { outcome: 'choose', candidates }: ask again with `person` { person: id } or 'no_one'.
 */
export const intentionFollowUp = (id, person = null) => call('week_intention_follow_up', { id, due: null, person });
/** Asks where to save the week as Markdown; resolves to the path, or null if cancelled. */
export const saveWeekMarkdown = (day) => call('week_markdown_save', { day });
export const printWeek = () => call('week_print');

// The funnel. `query` is { period, origin, tag, include_archived }; a period is
// { kind: 'quarter', year, q }, { kind: 'year', year } or { kind: 'all' }.
export const funnel = (query) => call('funnel', { query });
/** The people a number counts: `cell` is the number's own `cell`, sent back as it came. */
export const funnelPeople = (query, cell) => call('funnel_people', { query, cell });
/** Asks where to save the funnel as CSV; resolves to the path, or null if cancelled. */
export const saveFunnelCsv = (query) => call('funnel_csv_save', { query });
