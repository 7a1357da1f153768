//! What the time cost: hours spent on each platform in the period beside what the
//! people who started there became.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::funnel::cells::FunnelCell;
use crate::funnel::cohort::Record;
use crate::funnel::ladder::Count;

/// One origin's time against what it led to. Counted over the people who started there
/// in the period (whenever the call or the business came), so the hours a quarter spent
/// are set against what that quarter's new relationships became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginCost {
    pub origin: String,
    pub label: String,
    /// Some session on this platform in the period; without one every rate below is
    /// `None` and the screen says the time was not measured.
    pub measured: bool,
    pub seconds: i64,
    /// `seconds` in hours, to one decimal.
    pub hours: f64,
    /// Moved at least one rung above the one they were added on.
    pub moved: Count,
    pub first_calls: Count,
    pub first_meetings: Count,
    /// Reached working.
    pub business_won: Count,
    /// Hours per person moved, per first call, per first meeting and per business won,
    /// to one decimal; none unless time was measured and the count is above zero.
    pub hours_per_moved: Option<f64>,
    pub hours_per_first_call: Option<f64>,
    pub hours_per_first_meeting: Option<f64>,
    pub hours_per_business_won: Option<f64>,
}

/// Hours to one decimal, half up.
pub(crate) fn tenth_hours(seconds: f64) -> f64 {
    (seconds / 360.0).round() / 10.0
}

/// The cost of each origin among `cohort`, and of each platform with time in `seconds`
/// (by session platform); most hours first, then by name.
pub(crate) fn costs(cohort: &[&Record], seconds: &BTreeMap<String, i64>, label: impl Fn(&str) -> String) -> Vec<OriginCost> {
    costs_by_origin(crate::funnel::cohort::by_origin(cohort), seconds, label)
}

/// [`costs`] of a cohort already grouped by origin.
pub(crate) fn costs_by_origin<'a>(
    mut by_origin: BTreeMap<&'a str, Vec<&'a Record>>,
    seconds: &'a BTreeMap<String, i64>,
    label: impl Fn(&str) -> String,
) -> Vec<OriginCost> {
    for platform in seconds.keys() {
        by_origin.entry(platform.as_str()).or_default();
    }
    let mut costs: Vec<OriginCost> = by_origin
        .into_iter()
        .map(|(origin, people)| {
            let secs = seconds.get(origin).copied().unwrap_or(0);
            let measured = secs > 0;
            let o = Some(origin.to_owned());
            let mut counts = [
                FunnelCell::Moved { origin: o.clone() },
                FunnelCell::FirstCall { origin: o.clone() },
                FunnelCell::FirstMeeting { origin: o.clone() },
                FunnelCell::BusinessWon { origin: o },
            ]
            .map(|cell| Count { n: 0, cell });
            // One pass over the people, each counted by every cell; they all started at
            // `origin`, so each cell is asked without it rather than comparing it for each.
            let asked = [
                FunnelCell::Moved { origin: None },
                FunnelCell::FirstCall { origin: None },
                FunnelCell::FirstMeeting { origin: None },
                FunnelCell::BusinessWon { origin: None },
            ];
            for r in &people {
                for (count, cell) in counts.iter_mut().zip(&asked) {
                    count.n += u32::from(cell.holds(r));
                }
            }
            let [moved, first_calls, first_meetings, business_won] = counts;
            // Division by zero, or by time never measured, is no number at all.
            let per = |c: &Count| (measured && c.n > 0).then(|| tenth_hours(secs as f64 / f64::from(c.n)));
            OriginCost {
                origin: origin.to_owned(),
                label: label(origin),
                measured,
                seconds: secs,
                hours: tenth_hours(secs as f64),
                hours_per_moved: per(&moved),
                hours_per_first_call: per(&first_calls),
                hours_per_first_meeting: per(&first_meetings),
                hours_per_business_won: per(&business_won),
                moved,
                first_calls,
                first_meetings,
                business_won,
            }
        })
        .collect();
    costs.sort_by(|a, b| b.seconds.cmp(&a.seconds).then_with(|| a.label.to_lowercase().cmp(&b.label.to_lowercase())));
    costs
}
