//! The week in review as Markdown: the figures, then the user's reflection, for keeping
//! in notes or sending to a coach. The user's journal is kept as written; names and other
//! one-line text are escaped so they cannot turn into markup.

use std::fmt::Write;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::clock::durations::duration_text;
use crate::clock::instants::local_date;
use crate::storage::diary::Diary;
use crate::storage::error::Result;
use crate::vocab::money::money_text;
use crate::week::review::{Money, WeekReview};

impl Diary {
    /// The review of the week holding `day`, as Markdown.
    pub fn week_markdown(&self, day: NaiveDate) -> Result<String> {
        Ok(markdown(&self.week_review(day)?, self.tz()))
    }
}

fn markdown(w: &WeekReview, tz: Tz) -> String {
    let mut out = String::new();
    let o = &mut out;
    let _ = writeln!(o, "# Week of {} – {}\n", date(w.week_start), date(w.week_end));

    let _ = writeln!(o, "## Time\n");
    let all = &w.time.uses[0];
    let _ = match all.budget_minutes {
        Some(b) => writeln!(
            o,
            "Social media: {} of {} ({} %).\n",
            duration_text(all.used_seconds),
            duration_text(i64::from(b) * 60),
            all.percent.unwrap_or(0)
        ),
        None => writeln!(o, "Social media: {}.\n", duration_text(all.used_seconds)),
    };
    let spent: Vec<_> = w.time.uses.iter().skip(1).filter(|u| u.used_seconds > 0).collect();
    if !spent.is_empty() {
        let _ = writeln!(
            o,
            "| Platform | Time | Personal touches | Replies | Calls booked | Meetings booked |\n|---|---:|---:|---:|---:|---:|"
        );
        for u in spent {
            let y = w.yields.iter().find(|y| y.platform == u.scope);
            let n = |f: fn(&crate::time::budgets::PlatformYield) -> u32| y.map_or(0, f);
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {} | {} |",
                text(&u.label),
                duration_text(u.used_seconds),
                n(|y| y.personal_touches),
                n(|y| y.replies),
                n(|y| y.calls_booked),
                n(|y| y.meetings_booked)
            );
        }
        o.push('\n');
    }
    if let Some(line) = &w.first_call_line {
        let _ = writeln!(o, "{}.\n", text(line));
    }

    let t = &w.touches;
    let _ = writeln!(
        o,
        "## Touches\n\n{} touches: {} personal, {} broadcast. Written {} · voice {} · face to face {}.\n",
        t.total, t.personal, t.broadcast, t.written, t.voice, t.face_to_face
    );
    for c in t.by_channel.iter().filter(|c| c.count > 0) {
        let _ = writeln!(o, "- {}: {}", c.channel.label(), c.count);
    }
    if t.total > 0 {
        o.push('\n');
    }

    let l = &w.ladder;
    let _ = writeln!(o, "## The ladder\n");
    if l.moves.is_empty() {
        let _ = writeln!(o, "Nobody moved this week.\n");
    } else {
        for m in &l.moves {
            let added = if m.added { " (new)" } else { "" };
            let _ = writeln!(o, "- {}{added}: {} → {}", text(&m.person.display_name), m.from.label(), m.to.label());
        }
        if l.moves_total as usize > l.moves.len() {
            let _ = writeln!(o, "- and {} more", l.moves_total as usize - l.moves.len());
        }
        o.push('\n');
    }
    let names = |people: &[crate::touches::log::TouchPerson]| {
        if people.is_empty() {
            "nobody".to_owned()
        } else {
            people.iter().map(|p| text(&p.display_name)).collect::<Vec<_>>().join(", ")
        }
    };
    let _ = writeln!(o, "First calls: {}.  \nFirst meetings: {}.\n", names(&l.first_calls), names(&l.first_meetings));
    let _ = writeln!(o, "| Rung | Week before | Week end |\n|---|---:|---:|");
    for r in &l.rungs {
        let _ = writeln!(o, "| {} | {} | {} |", r.rung.label(), r.before, r.after);
    }
    o.push('\n');

    let f = &w.follow_ups;
    let _ =
        writeln!(o, "## Follow-ups\n\nDone {} · done late {} · missed {} · created {}.\n", f.done, f.done_late, f.missed.len(), f.created);
    for m in &f.missed {
        let _ = writeln!(o, "- Missed: {} (due {})", text(&m.title), date(local_date(tz, m.due)));
    }
    for m in &f.overdue {
        let _ = writeln!(o, "- Overdue: {} (due {})", text(&m.title), date(local_date(tz, m.due)));
    }
    if !f.missed.is_empty() || !f.overdue.is_empty() {
        o.push('\n');
    }

    let r = &w.outcomes;
    let won =
        if r.won_value.is_empty() { String::new() } else { format!(" ({})", r.won_value.iter().map(money).collect::<Vec<_>>().join(", ")) };
    let _ = writeln!(
        o,
        "## Outcomes\n\nReplies {} · calls booked {} · meetings booked {} · referrals {} · business won {}{won}.\n",
        r.replies, r.calls_booked, r.meetings_booked, r.referrals, r.business_won
    );

    if let Some(neglected) = &w.neglected {
        let _ = writeln!(o, "## Neglected\n");
        if neglected.is_empty() {
            let _ = writeln!(o, "Nobody.\n");
        } else {
            for n in neglected {
                let _ = writeln!(o, "- {} {} · {}", n.title, text(&n.display_name), n.detail);
            }
            o.push('\n');
        }
    }

    let _ = writeln!(
        o,
        "## The last {} weeks\n\n| Week of | Social media | Personal touches | Calls and meetings |\n|---|---:|---:|---:|",
        w.trend.len()
    );
    for t in &w.trend {
        let _ = writeln!(o, "| {} | {} | {} | {} |", t.week_start, duration_text(t.minutes * 60), t.personal_touches, t.calls_and_meetings);
    }
    o.push('\n');

    let re = &w.reflection;
    let _ = writeln!(o, "## Reflection\n");
    for a in &re.answers {
        let tick = if a.ticked { "x" } else { " " };
        let answer = if a.answer.is_empty() { String::new() } else { format!(" — {}", text(&a.answer.replace('\n', " "))) };
        let _ = writeln!(o, "- [{tick}] {}{answer}", text(&a.prompt));
    }
    if !re.journal.is_empty() {
        let _ = writeln!(o, "\n### Journal\n\n{}", prose(&re.journal));
    }
    if !re.intentions.is_empty() {
        let _ = writeln!(o, "\n### Next week I will\n");
        for i in &re.intentions {
            let made = if i.follow_up_id.is_some() { " (a follow-up)" } else { "" };
            let _ = writeln!(o, "- {}{made}", text(&i.text));
        }
    }
    out
}

fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

fn money(m: &Money) -> String {
    money_text(m.cents, &m.currency)
}

/// One-line user text with Markdown's and HTML's special characters escaped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The user's free text, Markdown kept, with HTML's angle brackets escaped so that no
/// viewer renders a tag from it.
fn prose(s: &str) -> String {
    s.replace('<', "\\<").replace('>', "\\>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_become_markup() {
        assert_eq!(text("<script>alert(1)</script> *bold* | x"), r"\<script\>alert(1)\</script\> \*bold\* \| x");
        assert_eq!(text("Zoë 山田"), "Zoë 山田");
        assert_eq!(prose("**Good** week\n<img src=x onerror=alert(1)>"), "**Good** week\n\\<img src=x onerror=alert(1)\\>");
    }
}
