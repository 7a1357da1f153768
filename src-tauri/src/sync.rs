//! Devices: one thread that runs a round of sync through the folder (rapport-core's
//! `sync_now`) every second (`ROUND_EVERY`) while sync is on, so an edit here goes out after a short
//! pause and another device's file is on screen soon after it arrives. Polling the folder
//! stands in for a watcher: the sync tools write into it in ways file watchers miss (a
//! network share, a FUSE mount, a rename from outside), and a scan costs little.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::Utc;
use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use rapport_core::sync::{Engine, Synced, ROUND_EVERY};
use rapport_core::Diary;

use crate::DiaryState;

/// The documents held between rounds, and how the last round went.
#[derive(Default, Clone)]
pub struct SyncRounds(Arc<Mutex<Rounds>>);

#[derive(Default)]
struct Rounds {
    engine: Engine,
    last: Option<LastRound>,
}

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
        let mut rounds = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let outcome = diary.sync_now(&mut rounds.engine);
        let last = match outcome {
            Ok(synced) => LastRound { at: Utc::now().timestamp(), synced: Some(synced), problem: None },
            Err(e) => LastRound { at: Utc::now().timestamp(), synced: None, problem: Some(e.to_string()) },
        };
        rounds.last = Some(last.clone());
        last
    }

    pub fn last(&self) -> Option<LastRound> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner).last.clone()
    }

    /// Forgets the documents and the last round, as when sync is turned off.
    pub fn forget(&self) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Rounds::default();
    }
}

/// Starts the thread; it does nothing while sync is off.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    std::thread::Builder::new()
        .name("rapport-sync".into())
        .spawn(move || loop {
            std::thread::sleep(ROUND_EVERY);
            let state = app.state::<DiaryState>();
            let sync = app.state::<SyncRounds>();
            let brought = {
                let Ok(mut diary) = state.diary() else { continue };
                if !matches!(diary.this_device(), Ok(Some(_))) {
                    continue;
                }
                let last = sync.round(&mut diary);
                last.synced.is_some_and(|s| s.rows_applied > 0)
            };
            if brought {
                crate::commands::announce_change(&app);
            }
        })
        .expect("the sync thread starts");
}
