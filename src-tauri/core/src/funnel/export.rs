//! The funnel as CSV: the same figures as the screen, one per row, so a spreadsheet can
//! pivot them; numbers written as the screen receives them.

use crate::funnel::ladder::{OriginFunnel, Spread};
use crate::funnel::{Funnel, FunnelQuery};
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

/// The header of the funnel's CSV.
pub const FUNNEL_CSV_HEADER: [&str; 5] = ["section", "origin", "rung", "figure", "value"];

/// What an unmeasured platform's rates say instead of a number.
pub const NOT_MEASURED: &str = "not measured";

impl Diary {
    /// The funnel of `query` as CSV.
    pub fn funnel_csv(&self, query: &FunnelQuery) -> Result<String> {
        funnel_csv(&self.funnel(query)?)
    }
}

/// `funnel` as CSV: sections `reached`, `step`, `stops_at`, `cost`, `waiting` and
/// `quarter`; origin `all` is everyone; a figure that has no number is left empty.
pub fn funnel_csv(funnel: &Funnel) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |e: csv::Error| Error::Io(std::io::Error::other(e));
    out.write_record(FUNNEL_CSV_HEADER).map_err(csv_error)?;
    let mut row = |section: &str, origin: &str, rung: &str, figure: &str, value: String| {
        out.write_record([section, origin, rung, figure, value.as_str()]).map_err(csv_error)
    };
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    for group in std::iter::once(&funnel.overall).chain(&funnel.by_origin) {
        let origin = group.origin.as_deref().unwrap_or("all");
        funnel_rows(group, origin, &mut row, number)?;
    }
    for c in &funnel.costs {
        let o = c.origin.as_str();
        row("cost", o, "", "measured", if c.measured { "yes" } else { "no" }.into())?;
        row("cost", o, "", "hours", c.hours.to_string())?;
        let rates = [
            ("moved", &c.moved, c.hours_per_moved),
            ("first_calls", &c.first_calls, c.hours_per_first_call),
            ("first_meetings", &c.first_meetings, c.hours_per_first_meeting),
            ("business_won", &c.business_won, c.hours_per_business_won),
        ];
        for (figure, count, per) in rates {
            row("cost", o, "", figure, count.n.to_string())?;
            let per = if c.measured { number(per) } else { NOT_MEASURED.to_owned() };
            row("cost", o, "", &format!("hours_per_{figure}"), per)?;
        }
    }
    for s in &funnel.stalls {
        row("waiting", "all", s.rung.as_str(), "people", s.waiting.to_string())?;
    }
    for q in &funnel.quarters {
        let origin = funnel.query.origin.as_deref().unwrap_or("all");
        let section = format!("quarter {}", q.label);
        for c in &q.reached {
            let rung = match &c.cell {
                crate::funnel::FunnelCell::QuarterReached { rung, .. } => rung.as_str(),
                _ => "",
            };
            row(&section, origin, rung, "reached", c.n.to_string())?;
        }
        for (step, percent) in crate::vocab::Rung::ALL.windows(2).zip(&q.percents) {
            row(&section, origin, &step_name(step[0], step[1]), "percent", percent.map(|p| p.to_string()).unwrap_or_default())?;
        }
    }
    let bytes = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    Ok(String::from_utf8(bytes).expect("the CSV is made of strings"))
}

/// One figure of a spread, read from it.
type SpreadPart = fn(&Spread) -> f64;

fn step_name(from: crate::vocab::Rung, to: crate::vocab::Rung) -> String {
    format!("{from}→{to}")
}

fn funnel_rows(
    group: &OriginFunnel,
    origin: &str,
    row: &mut impl FnMut(&str, &str, &str, &str, String) -> Result<()>,
    number: impl Fn(Option<f64>) -> String,
) -> Result<()> {
    for r in &group.rungs {
        let rung = r.rung.as_str();
        row("reached", origin, rung, "people", r.reached.n.to_string())?;
        row("reached", origin, rung, "by_touch", r.by_touch.to_string())?;
        row("reached", origin, rung, "by_hand", r.by_hand.n.to_string())?;
        row("reached", origin, rung, "by_import", r.by_import.to_string())?;
        row("reached", origin, rung, "on_adding", r.on_adding.to_string())?;
        row("reached", origin, rung, "stopped", r.stopped.n.to_string())?;
    }
    for s in &group.steps {
        let step = step_name(s.from, s.to);
        row("step", origin, &step, "percent", s.percent.map(|p| p.to_string()).unwrap_or_default())?;
        row("step", origin, &step, "timed", s.timed.to_string())?;
        let days: [(&str, SpreadPart); 5] = [
            ("median_days", |d| d.median),
            ("p25_days", |d| d.p25),
            ("p75_days", |d| d.p75),
            ("min_days", |d| d.min),
            ("max_days", |d| d.max),
        ];
        for (figure, of) in days {
            row("step", origin, &step, figure, number(s.days.as_ref().map(of)))?;
        }
    }
    row("stops_at", origin, "", "rung", group.stops_at.map_or("", |r| r.as_str()).to_owned())?;
    Ok(())
}
