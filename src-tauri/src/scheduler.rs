//! The reminder scheduler: one thread that sleeps until the core's next reminder moment
//! (or until the diary changes), then delivers what the core says is due, and takes the
//! day's backup when there is none yet. The rules (what is due, once only, summaries,
//! quiet hours, which backups to keep) live in rapport-core.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use tauri::{AppHandle, Listener, Manager, Runtime};

use crate::notify::Notifier;
use crate::DiaryState;

/// The longest single sleep: a suspended laptop's clock jumps, and waking now and then
/// notices that without busy polling.
const MAX_SLEEP: Duration = Duration::from_secs(300);

/// A floor under every sleep, so a rule that keeps answering "now" cannot spin.
const MIN_SLEEP: Duration = Duration::from_millis(500);

/// Starts the scheduler thread; it wakes early whenever the diary changes.
pub fn start<R: Runtime>(app: &AppHandle<R>) {
    let (wake, sleep) = mpsc::channel::<()>();
    listen_for_changes(app, wake);
    let app = app.clone();
    std::thread::Builder::new()
        .name("rapport-scheduler".into())
        .spawn(move || loop {
            deliver_due(&app);
            let wait = next_wait(&app);
            match sleep.recv_timeout(wait) {
                Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
        })
        .expect("the scheduler thread starts");
}

fn listen_for_changes<R: Runtime>(app: &AppHandle<R>, wake: Sender<()>) {
    app.listen_any(crate::commands::DIARY_CHANGED, move |_| {
        let _ = wake.send(());
    });
}

fn deliver_due<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<DiaryState>();
    let notifier = app.state::<Notifier>();
    let claimed = state.diary().and_then(|mut diary| {
        let mut reminders = diary.claim_due_reminders()?;
        reminders.extend(diary.claim_digest()?);
        reminders.extend(diary.claim_budget_warnings()?);
        reminders.extend(diary.claim_review_reminder()?);
        Ok(reminders)
    });
    match claimed {
        Ok(reminders) => {
            for reminder in &reminders {
                notifier.deliver(app, reminder);
            }
        }
        Err(e) => eprintln!("rapport: reminders could not be read: {e}"),
    }
    // The daily backup, on the first wake-up of each day (of an open diary only), copied
    // without holding the diary: the window goes on answering meanwhile.
    let job = match state.diary() {
        Ok(diary) => diary.backup_job_if_due(&state.backups_dir()),
        Err(_) => Ok(None),
    };
    let backed_up = job.and_then(|job| job.map(|j| j.run().map(drop)).transpose());
    if let Err(e) = backed_up {
        eprintln!("rapport: the daily backup failed: {e}");
    }
}

fn next_wait<R: Runtime>(app: &AppHandle<R>) -> Duration {
    let state = app.state::<DiaryState>();
    let next = state.diary().and_then(|diary| Ok((diary.next_reminder_at()?, chrono::Utc::now())));
    match next {
        Ok((Some(at), now)) => (at - now).to_std().unwrap_or(Duration::ZERO).clamp(MIN_SLEEP, MAX_SLEEP),
        _ => MAX_SLEEP,
    }
}
