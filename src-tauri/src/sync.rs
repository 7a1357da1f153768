//! Devices: one thread that runs a round of sync through the folder (rapport-core's
//! `sync_now`) every second (`ROUND_EVERY`) while sync is on, so an edit here goes out after a short
//! pause and another device's file is on screen soon after it arrives. A round reads for
//! about `ROUND_BUDGET` and leaves the rest to the next, which follows at once: a large
//! diary joining never keeps the window from the diary for long, and the window follows
//! how far it is (`progress`) without waiting for the round. Polling the folder
//! stands in for a watcher: the sync tools write into it in ways file watchers miss (a
//! network share, a FUSE mount, a rename from outside), and a scan costs little.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use rapport_core::sync::{Engine, Progress, ProgressNow, Synced, ROUND_BUDGET, ROUND_EVERY};
use rapport_core::Diary;

use crate::DiaryState;

/// The documents held between rounds, how the last round went, and how far the rounds
/// have read (outside the lock a round holds).
#[derive(Clone)]
pub struct SyncRounds {
    rounds: Arc<Mutex<Rounds>>,
    progress: Arc<Progress>,
}

struct Rounds {
    engine: Engine,
    last: Option<LastRound>,
}

impl Default for SyncRounds {
    fn default() -> SyncRounds {
        let engine = Engine::default().in_steps(ROUND_BUDGET);
        let progress = engine.progress();
        SyncRounds { rounds: Arc::new(Mutex::new(Rounds { engine, last: None })), progress }
    }
}

/// A pause between two rounds of one catching up, so a command waiting for the diary
/// takes it in between.
const BETWEEN_STEPS: std::time::Duration = std::time::Duration::from_millis(20);

/// How the last round went, for Settings → Devices.
#[derive(Debug, Clone, Serialize)]
pub struct LastRound {
    pub at: i64,
    pub synced: Option<Synced>,
    pub problem: Option<String>,
}

impl SyncRounds {
    /// One round now, on the diary given; the window hears of what it brought.
    pub fn round(&self, diary: &mut Diary) -> LastRound {
        let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
        let outcome = diary.sync_now(&mut rounds.engine);
        let last = match outcome {
            Ok(synced) => LastRound { at: Utc::now().timestamp(), synced: Some(synced), problem: None },
            Err(e) => LastRound { at: Utc::now().timestamp(), synced: None, problem: Some(e.to_string()) },
        };
        rounds.last = Some(last.clone());
        last
    }

    pub fn last(&self) -> Option<LastRound> {
        self.rounds.lock().unwrap_or_else(PoisonError::into_inner).last.clone()
    }

    /// How far the rounds have read the other devices' files, without waiting for one.
    pub fn progress(&self) -> ProgressNow {
        self.progress.now()
    }

    /// Forgets the documents and the last round, as when sync is turned off.
    pub fn forget(&self) {
        let mut rounds = self.rounds.lock().unwrap_or_else(PoisonError::into_inner);
        rounds.engine.forget();
        rounds.last = None;
    }
}

/// Starts the thread; it does nothing while sync is off.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::Builder::new()
        .name("rapport-sync".into())
        .spawn(move || {
            let mut pause = ROUND_EVERY;
            loop {
                std::thread::sleep(pause);
                pause = ROUND_EVERY;
                let state = app.state::<DiaryState>();
                let sync = app.state::<SyncRounds>();
                let brought = {
                    let Ok(mut diary) = state.diary() else { continue };
                    if !matches!(diary.this_device(), Ok(Some(_))) {
                        continue;
                    }
                    let last = sync.round(&mut diary);
                    if last.synced.as_ref().is_some_and(|s| s.more) {
                        pause = BETWEEN_STEPS;
                    }
                    last.synced.is_some_and(|s| s.rows_applied > 0)
                };
                if brought {
                    crate::commands::announce_change(&app);
                }
            }
        })
        .expect("the sync thread starts");
}
