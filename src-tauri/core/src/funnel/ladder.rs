//! The ladder read as conversion: how many of a group reached each rung, how, how many
//! went on to the next, and how long that step took.

use serde::{Deserialize, Serialize};

use crate::funnel::cells::FunnelCell;
use crate::funnel::cohort::{Reach, Record};
use crate::vocab::{whole_percent, Rung};

/// A number and the people it counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub n: u32,
    pub cell: FunnelCell,
}

/// One group's funnel: everyone, or the people of one origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginFunnel {
    /// `None` for everyone the query lets in.
    pub origin: Option<String>,
    pub label: String,
    /// Every rung, lowest first.
    pub rungs: Vec<RungReach>,
    /// Each rung to the next: five steps.
    pub steps: Vec<Step>,
    /// The rung below working where most of them got no higher (the lower one on a tie);
    /// none when nobody stopped short of working.
    pub stops_at: Option<Rung>,
}

/// How many reached a rung, counted at the highest rung each ever reached: someone
/// moved down since still counts on every rung up to their highest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RungReach {
    pub rung: Rung,
    pub reached: Count,
    /// How each first reached it; the four add up to `reached`.
    pub by_touch: u32,
    pub by_hand: Count,
    pub by_import: u32,
    pub on_adding: u32,
    /// Got no higher than this rung.
    pub stopped: Count,
}

/// From one rung to the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub from: Rung,
    pub to: Rung,
    /// Of those who reached `from`, the whole percent who reached `to`; none of nobody.
    pub percent: Option<u32>,
    /// Days the step took, over `timed` people; none when nobody was timed.
    pub days: Option<Spread>,
    /// The people timed: those who reached `to` having stood on `from` (someone who
    /// jumped past `from`, called before any message, took no step from it).
    pub timed: u32,
}

/// Whole days, spread: the median and quartiles interpolated between neighbours as a
/// spreadsheet's PERCENTILE.INC does (the median of 2, 4, 10, 20 is 7), and the extremes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    pub median: f64,
    pub p25: f64,
    pub p75: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    pub(crate) fn of(mut days: Vec<i64>) -> Option<Spread> {
        if days.is_empty() {
            return None;
        }
        days.sort_unstable();
        let at = |p: f64| {
            let pos = p * (days.len() - 1) as f64;
            let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
            days[lo] as f64 + (days[hi] - days[lo]) as f64 * (pos - lo as f64)
        };
        Some(Spread { median: at(0.5), p25: at(0.25), p75: at(0.75), min: days[0] as f64, max: days[days.len() - 1] as f64 })
    }
}

/// The funnel of `group`, labelled `label`. One pass over the group: a diary of 30,000
/// people is read in memory at every view.
pub(crate) fn origin_funnel(origin: Option<String>, label: String, group: &[&Record]) -> OriginFunnel {
    let cell = |make: fn(Option<String>, Rung) -> FunnelCell, rung| make(origin.clone(), rung);
    let mut rungs: Vec<RungReach> = Rung::ALL
        .iter()
        .map(|&rung| RungReach {
            rung,
            reached: Count { n: 0, cell: cell(|origin, rung| FunnelCell::Reached { origin, rung }, rung) },
            by_touch: 0,
            by_hand: Count { n: 0, cell: cell(|origin, rung| FunnelCell::ReachedByHand { origin, rung }, rung) },
            by_import: 0,
            on_adding: 0,
            stopped: Count { n: 0, cell: cell(|origin, rung| FunnelCell::Stopped { origin, rung }, rung) },
        })
        .collect();
    let mut days: [Vec<i64>; 5] = Default::default();
    for r in group {
        let highest = r.highest();
        for (reach, slot) in rungs.iter_mut().zip(&r.reached) {
            let Some((_, how)) = *slot else { continue };
            reach.reached.n += 1;
            match how {
                Reach::Touch => reach.by_touch += 1,
                Reach::Hand => reach.by_hand.n += 1,
                Reach::Import => reach.by_import += 1,
                Reach::Added => reach.on_adding += 1,
            }
            if highest == reach.rung {
                reach.stopped.n += 1;
            }
        }
        for (step, &from) in days.iter_mut().zip(Rung::ALL) {
            step.extend(r.step_days(from));
        }
    }
    let steps = Rung::ALL
        .windows(2)
        .zip(days)
        .map(|(pair, days)| {
            let (from, to) = (pair[0], pair[1]);
            Step {
                from,
                to,
                percent: whole_percent(rungs[to as usize].reached.n, rungs[from as usize].reached.n),
                timed: days.len() as u32,
                days: Spread::of(days),
            }
        })
        .collect();
    let stops_at = rungs[..Rung::Working as usize]
        .iter()
        .filter(|r| r.stopped.n > 0)
        .fold(None::<&RungReach>, |best, r| if best.is_none_or(|b| r.stopped.n > b.stopped.n) { Some(r) } else { best })
        .map(|r| r.rung);
    OriginFunnel { origin, label, rungs, steps, stops_at }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spread_interpolates_between_neighbours() {
        let s = Spread::of(vec![20, 2, 10, 4]).unwrap();
        assert_eq!((s.median, s.p25, s.p75, s.min, s.max), (7.0, 3.5, 12.5, 2.0, 20.0));
        assert_eq!(Spread::of(vec![5]).map(|s| (s.median, s.p25, s.p75)), Some((5.0, 5.0, 5.0)));
        assert_eq!(Spread::of(Vec::new()), None);
    }
}
