//! Watched activity into sessions, with no storage: the rules of time on a platform.
//!
//! - Gaps under two minutes on the same platform (spent on unmatched windows) join one
//!   session; another platform, or being away, ends it for good.
//! - Idle, a locked screen, suspend and a running timer end the session at the last
//!   activity, not when it was noticed. So does a pause in the samples longer than the
//!   join gap: the watcher stopped seeing, so nothing after the last sample is counted.
//! - Sessions under 30 seconds are not kept (the caller drops them).

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Gaps shorter than this on the same platform join one session.
pub const JOIN_GAP_SECONDS: i64 = 120;

/// Sessions shorter than this are not kept.
pub const MIN_SESSION_SECONDS: i64 = 30;

/// What the watcher saw at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub at: DateTime<Utc>,
    /// The platform the active window matches (`Diary::window_matches`); `None` for any
    /// other window, which is all the core ever hears of it.
    pub platform: Option<String>,
    /// The last key press or mouse move, when it was before `at`; `None` for input now.
    #[serde(default)]
    pub idle_since: Option<DateTime<Utc>>,
    #[serde(default)]
    pub locked: bool,
    /// The computer is about to sleep (or just woke).
    #[serde(default)]
    pub suspended: bool,
}

/// Time on one platform, from its start to the last activity seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub platform: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
}

impl Span {
    pub fn seconds(&self) -> i64 {
        (self.ended_at - self.started_at).num_seconds()
    }

    /// Long enough to keep.
    pub fn kept(&self) -> bool {
        self.seconds() >= MIN_SESSION_SECONDS
    }
}

/// What one sample changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// The session that ended with this sample, however short.
    pub ended: Option<Span>,
    /// The session going on, also while an unmatched window may still be joined over.
    pub open: Option<Span>,
}

#[derive(Debug, Clone)]
struct Current {
    span: Span,
    /// The active window is on the platform now; false in a gap that may still join.
    on_it: bool,
}

/// Turns samples into sessions. Holds only the session in progress.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    current: Option<Current>,
    last_sample: Option<DateTime<Utc>>,
}

impl Tracker {
    /// Takes one sample. `blocked` says a manual timer runs, which counts this time instead;
    /// `idle_after` is how long without input counts as away.
    pub fn observe(&mut self, sample: &Sample, blocked: bool, idle_after: Duration) -> Step {
        let join_gap = Duration::seconds(JOIN_GAP_SECONDS);
        let previous = self.last_sample.replace(sample.at);
        let unseen = previous.is_some_and(|p| sample.at < p || sample.at - p >= join_gap);
        let last_input = sample.idle_since.map_or(sample.at, |i| i.min(sample.at));
        let idle = sample.at - last_input >= idle_after;
        let away = idle || sample.locked || sample.suspended || blocked;

        let mut ended = None;
        if let Some(mut current) = self.current.take() {
            let same = sample.platform.as_deref() == Some(current.span.platform.as_str());
            let gap_over = !current.on_it && sample.at - current.span.ended_at >= join_gap;
            if unseen || gap_over {
                ended = Some(current.span);
            } else if away {
                // Cut back to the last input if it came before the end noted so far.
                let span = &mut current.span;
                span.ended_at = span.ended_at.min(last_input).max(span.started_at);
                ended = Some(current.span);
            } else {
                // A change of window is noticed as it happens: the one before lasted until now.
                if current.on_it || same {
                    current.span.ended_at = current.span.ended_at.max(last_input);
                }
                if same {
                    current.on_it = true;
                    self.current = Some(current);
                } else if sample.platform.is_some() {
                    ended = Some(current.span);
                } else {
                    current.on_it = false;
                    self.current = Some(current);
                }
            }
        }
        if self.current.is_none() && !away {
            if let Some(platform) = &sample.platform {
                let span = Span { platform: platform.clone(), started_at: sample.at, ended_at: sample.at };
                self.current = Some(Current { span, on_it: true });
            }
        }
        Step { ended, open: self.current.as_ref().map(|c| c.span.clone()) }
    }

    /// Ends the session in progress where it was last seen (quitting, pausing capture).
    pub fn flush(&mut self) -> Step {
        self.last_sample = None;
        Step { ended: self.current.take().map(|c| c.span), open: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(s: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
    }

    fn on(s: i64, platform: Option<&str>) -> Sample {
        Sample { at: at(s), platform: platform.map(str::to_owned), idle_since: None, locked: false, suspended: false }
    }

    #[test]
    fn another_platform_ends_the_session_and_starts_its_own() {
        let mut t = Tracker::default();
        let idle = Duration::minutes(3);
        t.observe(&on(0, Some("linkedin")), false, idle);
        t.observe(&on(60, Some("linkedin")), false, idle);
        let step = t.observe(&on(65, Some("x")), false, idle);
        assert_eq!(step.ended.map(|s| (s.seconds(), s.platform)), Some((65, "linkedin".into())));
        assert_eq!(step.open.map(|s| s.started_at), Some(at(65)));
    }
}
