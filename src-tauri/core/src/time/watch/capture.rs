//! Whether the watcher records: off until the user turns it on, and pausable for an hour
//! or until tomorrow from the tray and Settings.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use crate::clock::instants::{local_date, start_of_day};
use crate::storage::diary::Diary;
use crate::storage::error::Result;

/// Where the choice is kept; not a `Settings` field, so saving the Settings form never
/// undoes a pause chosen from the tray.
const KEY: &str = "state.watch_capture";

/// What capture records, in one sentence, for Settings to show beside the switch.
pub const WHAT_CAPTURE_RECORDS: &str = "Rapport records how long the active window is on a platform your rules name, \
     as sessions in this diary, and nothing about any other window: no title, no address, no text, and nothing leaves this computer.";

/// The user's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Capture {
    Off,
    On,
    /// On again from `until`.
    Paused {
        until: DateTime<Utc>,
    },
}

/// What the tray and Settings offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptureChoice {
    On,
    Off,
    PauseForAnHour,
    PauseUntilTomorrow,
}

/// Capture as Settings and the tray show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureStatus {
    /// A pause that is over reads as `On`.
    pub capture: Capture,
    /// Samples are turned into sessions now.
    pub recording: bool,
    pub what_it_records: String,
}

impl Diary {
    /// Capture now.
    pub fn capture_status(&self) -> Result<CaptureStatus> {
        self.capture_status_at(self.now())
    }

    pub(crate) fn capture_status_at(&self, at: DateTime<Utc>) -> Result<CaptureStatus> {
        // Unreadable or absent: off, the safe side for privacy.
        let stored = self.state(KEY)?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or(Capture::Off);
        let capture = match stored {
            Capture::Paused { until } if until <= at => Capture::On,
            other => other,
        };
        Ok(CaptureStatus { capture, recording: capture == Capture::On, what_it_records: WHAT_CAPTURE_RECORDS.into() })
    }

    /// Turns capture on or off, or pauses it. The watcher's next sample ends a session
    /// in progress at its last activity.
    pub fn set_capture(&mut self, choice: CaptureChoice) -> Result<CaptureStatus> {
        let now = self.now();
        let capture = match choice {
            CaptureChoice::On => Capture::On,
            CaptureChoice::Off => Capture::Off,
            CaptureChoice::PauseForAnHour => Capture::Paused { until: now + Duration::hours(1) },
            CaptureChoice::PauseUntilTomorrow => {
                Capture::Paused { until: start_of_day(self.tz(), local_date(self.tz(), now) + Duration::days(1)) }
            }
        };
        self.set_state(KEY, &serde_json::to_string(&capture).expect("capture serializes"))?;
        self.capture_status()
    }
}
