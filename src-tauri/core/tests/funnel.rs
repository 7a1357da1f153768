//! The funnel: a hand-built diary in Berlin whose first quarter of 2026 is worked out
//! below by hand: who reached which rung and how, each step's days, what the time cost,
//! who stalls, and the same figures in the CSV.
//!
//! Q1 2026 in Berlin runs from 2025-12-31 23:00 UTC to 2026-03-31 22:00 UTC. Every
//! instant below is UTC; the clock ends at 2026-06-30 12:00 UTC.
//!
//! | person | origin   | path (day of Q1)                                   | highest | now       |
//! |--------|----------|----------------------------------------------------|---------|-----------|
//! | Ana    | linkedin | 01-05 added, DM out; 01-15 DM in → conversing;      | working | working   |
//! |        |          | 01-25 phone → spoken; 02-04 in person → met;        |         |           |
//! |        |          | 03-06 email, business won → working                 |         |           |
//! | Bo     | linkedin | 01-10 added, DM in → conversing; 02-09 phone →      | spoken  | conversing|
//! |        |          | spoken; 03-01 set back to conversing by hand        |         |           |
//! | Cy     | linkedin | 02-01 added on connected, DM out                    | connected | connected |
//! | Di     | linkedin | 03-31 20:00 UTC (22:00 in Berlin: still Q1), DM out | noticed | noticed   |
//! | Ed     | linkedin | 03-31 22:30 UTC (00:30 on 1 April in Berlin): Q2    | —       | —         |
//! | Fay    | x        | 01-20 added, DM out; 02-19 set to spoken by hand    | spoken  | spoken    |
//! | Gus    | x        | 02-10 added, DM in → conversing; archived           | —       | —         |
//! | Hal    | event    | 03-01 met at an event (no platform) → met           | met     | met       |
//! | Ivy    | facebook | 03-10 added, DM out; 03-20 phone → spoken           | spoken  | spoken    |
//!
//! Time in Q1: LinkedIn 6 h 30 min; X 3 h, of a session from 21:00 to 00:00 UTC on New
//! Year's Eve only the hour after 23:00 UTC (midnight in Berlin) plus 2 h in February;
//! nothing on Facebook.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::FollowUpInput;
use rapport_core::funnel::{FunnelCell, FunnelQuery, OriginFunnel, Period, Spread, NOT_MEASURED};
use rapport_core::people::PersonEdit;
use rapport_core::time::SessionInput;
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, Outcome, Rung};

const Q1: Period = Period::Quarter { year: 2026, q: 1 };

struct Diary {
    f: Fixture,
    ids: HashMap<&'static str, i64>,
}

impl Diary {
    fn id(&self, name: &str) -> i64 {
        self.ids[name]
    }
}

/// Adds `name` at `when`, on `rung`, with `tags`.
fn add(f: &mut Fixture, name: &str, when: DateTime<Utc>, rung: Option<Rung>, tags: &[&str]) -> i64 {
    f.set_now(when, Berlin);
    let edit = PersonEdit { display_name: name.into(), rung, tags: tags.iter().map(|t| (*t).to_owned()).collect(), ..Default::default() };
    f.diary.add_person(&edit).unwrap().id
}

fn on(platform: HandlePlatform, direction: Direction) -> impl FnOnce(&mut rapport_core::touches::TouchInput) {
    move |t| {
        t.platform = Some(platform);
        t.direction = direction;
    }
}

fn session(f: &mut Fixture, platform: &str, from: DateTime<Utc>, minutes: i64) {
    let input =
        SessionInput { platform: platform.into(), started_at: from, ended_at: from + Duration::minutes(minutes), note: String::new() };
    f.diary.add_session(&input).unwrap();
}

fn built() -> Diary {
    use Direction::{In, Out};
    use HandlePlatform::{Facebook, Linkedin, X};
    let mut f = Fixture::at(at(2025, 12, 1, 9, 0), Berlin);
    let mut ids = HashMap::new();
    let end = at(2026, 6, 30, 12, 0);

    let ana = add(&mut f, "Ana Lima", at(2026, 1, 5, 10, 0), None, &["vip"]);
    let bo = add(&mut f, "Bo Berg", at(2026, 1, 10, 9, 0), None, &[]);
    let fay = add(&mut f, "Fay Kim", at(2026, 1, 20, 10, 0), None, &["vip"]);
    let cy = add(&mut f, "Cy Dunn", at(2026, 2, 1, 10, 0), Some(Rung::Connected), &[]);
    let gus = add(&mut f, "Gus Moor", at(2026, 2, 10, 10, 0), None, &[]);
    let hal = add(&mut f, "Hal Ode", at(2026, 3, 1, 10, 0), None, &[]);
    let ivy = add(&mut f, "Ivy Park", at(2026, 3, 10, 10, 0), None, &[]);
    let di = add(&mut f, "Di Ortiz", at(2026, 3, 31, 20, 0), None, &[]);
    let ed = add(&mut f, "Ed Fox", at(2026, 3, 31, 22, 30), None, &[]);
    f.set_now(end, Berlin);

    f.touch(ana, Channel::DirectMessage, at(2026, 1, 5, 10, 0), on(Linkedin, Out));
    f.touch(ana, Channel::DirectMessage, at(2026, 1, 15, 10, 0), on(Linkedin, In));
    f.touch(ana, Channel::Phone, at(2026, 1, 25, 10, 0), |_| {});
    f.touch(ana, Channel::InPerson, at(2026, 2, 4, 10, 0), |_| {});
    f.touch(ana, Channel::Email, at(2026, 3, 6, 10, 0), |t| t.outcome = Outcome::BusinessWon);
    f.touch(bo, Channel::DirectMessage, at(2026, 1, 10, 9, 0), on(Linkedin, In));
    f.touch(bo, Channel::Phone, at(2026, 2, 9, 9, 0), |_| {});
    f.touch(cy, Channel::DirectMessage, at(2026, 2, 1, 10, 0), on(Linkedin, Out));
    f.touch(di, Channel::DirectMessage, at(2026, 3, 31, 20, 0), on(Linkedin, Out));
    f.touch(ed, Channel::DirectMessage, at(2026, 3, 31, 22, 30), on(Linkedin, Out));
    f.touch(fay, Channel::DirectMessage, at(2026, 1, 20, 10, 0), on(X, Out));
    f.touch(gus, Channel::DirectMessage, at(2026, 2, 10, 10, 0), on(X, In));
    f.touch(hal, Channel::Event, at(2026, 3, 1, 10, 0), |_| {});
    f.touch(ivy, Channel::DirectMessage, at(2026, 3, 10, 10, 0), on(Facebook, Out));
    f.touch(ivy, Channel::Phone, at(2026, 3, 20, 10, 0), |_| {});

    f.set_now(at(2026, 2, 19, 10, 0), Berlin);
    f.diary.set_rung(fay, Rung::Spoken, "Called from her own phone").unwrap();
    f.set_now(at(2026, 3, 1, 10, 0), Berlin);
    f.diary.set_rung(bo, Rung::Conversing, "The call was with his assistant").unwrap();
    f.set_now(end, Berlin);
    f.diary.archive_person(gus).unwrap();

    session(&mut f, "linkedin", at(2026, 2, 2, 9, 0), 390);
    session(&mut f, "x", at(2025, 12, 31, 21, 0), 180);
    session(&mut f, "x", at(2026, 2, 10, 9, 0), 120);
    let follow_up = FollowUpInput {
        person_id: Some(cy),
        touch_id: None,
        kind: FollowUpKind::Call,
        title: "Call Cy".into(),
        notes: String::new(),
        due_date: NaiveDate::from_ymd_opt(2026, 7, 2).unwrap().into(),
        due_time: None,
    };
    let follow_up = f.diary.add_follow_up(&follow_up).unwrap().id;

    for (name, id) in [("ana", ana), ("bo", bo), ("cy", cy), ("di", di), ("ed", ed), ("fay", fay), ("gus", gus), ("hal", hal), ("ivy", ivy)]
    {
        ids.insert(name, id);
    }
    ids.insert("cy_follow_up", follow_up);
    Diary { f, ids }
}

fn q1() -> FunnelQuery {
    FunnelQuery { period: Q1, ..FunnelQuery::default() }
}

fn reached(group: &OriginFunnel) -> Vec<u32> {
    group.rungs.iter().map(|r| r.reached.n).collect()
}

fn names(d: &Diary, query: &FunnelQuery, cell: FunnelCell) -> Vec<String> {
    d.f.diary.funnel_people(query, &cell).unwrap().into_iter().map(|p| p.display_name).collect()
}

#[test]
fn the_quarter_counts_each_person_at_the_highest_rung_they_reached() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    assert_eq!(funnel.label, "Q1 2026");
    assert_eq!(funnel.from, Some(at(2025, 12, 31, 23, 0)));
    assert_eq!(funnel.until, Some(at(2026, 3, 31, 22, 0)));
    // Ana, Bo, Cy, Di, Fay, Hal, Ivy: not Ed (April in Berlin) nor Gus (archived).
    // Connected: all but Di. Conversing and spoken: Ana, Bo (moved down since: still
    // counted), Fay, Hal, Ivy. Met: Ana, Hal. Working: Ana.
    let all = &funnel.overall;
    assert_eq!(reached(all), [7, 6, 5, 5, 2, 1]);
    // Noticed: everyone on being added. Connected: a touch for Ana, Bo, Hal and Ivy,
    // by hand for Fay, on being added for Cy. Above it Fay's is by hand, the rest by touches.
    let how: Vec<(u32, u32, u32, u32)> = all.rungs.iter().map(|r| (r.by_touch, r.by_hand.n, r.by_import, r.on_adding)).collect();
    assert_eq!(how, [(0, 0, 0, 7), (4, 1, 0, 1), (4, 1, 0, 0), (4, 1, 0, 0), (2, 0, 0, 0), (1, 0, 0, 0)]);
    // Got no higher: Di noticed; Cy connected; Bo, Fay, Ivy spoken; Hal met; Ana working.
    let stopped: Vec<u32> = all.rungs.iter().map(|r| r.stopped.n).collect();
    assert_eq!(stopped, [1, 1, 0, 3, 1, 1]);
    assert_eq!(all.stops_at, Some(Rung::Spoken));
    // 6/7 = 85.7 %, 5/6 = 83.3 %, 5/5, 2/5, 1/2.
    let percents: Vec<Option<u32>> = all.steps.iter().map(|s| s.percent).collect();
    assert_eq!(percents, [Some(86), Some(83), Some(100), Some(40), Some(50)]);
}

#[test]
fn each_step_is_timed_over_the_people_who_stood_on_its_first_rung() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    let steps = &funnel.overall.steps;
    // Noticed → connected: Ana 10 days, Bo 0 (his first touch was his reply), Fay 30 (by
    // hand), Hal 0, Ivy 10; Cy was added above noticed. Sorted 0, 0, 10, 10, 30.
    assert_eq!(steps[0].timed, 5);
    assert_eq!(steps[0].days, Some(Spread { median: 10.0, p25: 0.0, p75: 10.0, min: 0.0, max: 30.0 }));
    // Connected → conversing: only Cy stood on connected, and stays there.
    assert_eq!((steps[1].timed, steps[1].days), (0, None));
    // Conversing → spoken: Ana 10, Bo 30 (Fay and Ivy jumped past conversing): the median
    // of two is their mean, the quartiles a quarter and three quarters of the way.
    assert_eq!(steps[2].timed, 2);
    assert_eq!(steps[2].days, Some(Spread { median: 20.0, p25: 15.0, p75: 25.0, min: 10.0, max: 30.0 }));
    // Spoken → met: Ana 10; met → working: Ana 30.
    assert_eq!(steps[3].days.map(|d| d.median), Some(10.0));
    assert_eq!(steps[4].days.map(|d| d.median), Some(30.0));
}

#[test]
fn origins_are_where_each_relationship_started() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    let groups: Vec<(&str, &str, u32)> =
        funnel.by_origin.iter().map(|g| (g.origin.as_deref().unwrap(), g.label.as_str(), g.rungs[0].reached.n)).collect();
    // Most people first, then by key: Hal met at an event on no platform.
    assert_eq!(groups, [("linkedin", "LinkedIn", 4), ("event", "Event", 1), ("facebook", "Facebook", 1), ("x", "X", 1)]);
    let linkedin = &funnel.by_origin[0];
    // Ana, Bo, Cy, Di; connected Ana, Bo, Cy; conversing and spoken Ana, Bo; met, working Ana.
    assert_eq!(reached(linkedin), [4, 3, 2, 2, 1, 1]);
    // One each stopped on noticed (Di), connected (Cy) and spoken (Bo): the lowest of a tie.
    assert_eq!(linkedin.stops_at, Some(Rung::Noticed));
    let keys: Vec<&str> = funnel.origins.iter().map(|o| o.key.as_str()).collect();
    // The origin menu holds every period's: Ed (April) is on LinkedIn too.
    assert_eq!(keys, ["linkedin", "event", "facebook", "x"]);
}

#[test]
fn the_cost_sets_hours_on_a_platform_against_what_its_people_became() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    let cost = |origin: &str| funnel.costs.iter().find(|c| c.origin == origin).unwrap();
    let order: Vec<&str> = funnel.costs.iter().map(|c| c.origin.as_str()).collect();
    assert_eq!(order, ["linkedin", "x", "event", "facebook"], "most hours first");

    // LinkedIn: 6.5 h. Moved: Ana and Bo (Cy was added on connected and stays). First
    // calls Ana and Bo, a first meeting and business won Ana's: 6.5 / 2 = 3.25 → 3.3.
    let li = cost("linkedin");
    assert!(li.measured);
    assert_eq!((li.seconds, li.hours), (23_400, 6.5));
    assert_eq!((li.moved.n, li.first_calls.n, li.first_meetings.n, li.business_won.n), (2, 2, 1, 1));
    assert_eq!(
        (li.hours_per_moved, li.hours_per_first_call, li.hours_per_first_meeting, li.hours_per_business_won),
        (Some(3.3), Some(3.3), Some(6.5), Some(6.5))
    );
    // X: 1 h of New Year's Eve after midnight in Berlin, and 2 h in February. Fay moved
    // (by hand) with no call logged: per first call is no number, not infinity.
    let x = cost("x");
    assert_eq!((x.seconds, x.hours), (10_800, 3.0));
    assert_eq!((x.moved.n, x.first_calls.n), (1, 0));
    assert_eq!((x.hours_per_moved, x.hours_per_first_call), (Some(3.0), None));
    // Facebook: Ivy's first call, but no time measured there.
    let fb = cost("facebook");
    assert!(!fb.measured);
    assert_eq!((fb.first_calls.n, fb.hours), (1, 0.0));
    assert_eq!((fb.hours_per_moved, fb.hours_per_first_call), (None, None));
    assert!(!cost("event").measured);
}

#[test]
fn every_number_lists_the_people_it_counts() {
    let d = built();
    let q = q1();
    let spoken = names(&d, &q, FunnelCell::Reached { origin: None, rung: Rung::Spoken });
    assert_eq!(spoken, ["Ana Lima", "Bo Berg", "Fay Kim", "Hal Ode", "Ivy Park"]);
    assert_eq!(names(&d, &q, FunnelCell::ReachedByHand { origin: None, rung: Rung::Spoken }), ["Fay Kim"]);
    let li = Some("linkedin".to_owned());
    assert_eq!(names(&d, &q, FunnelCell::FirstCall { origin: li.clone() }), ["Ana Lima", "Bo Berg"]);
    assert_eq!(names(&d, &q, FunnelCell::Stopped { origin: li.clone(), rung: Rung::Noticed }), ["Di Ortiz"]);
    let april = FunnelCell::QuarterReached { quarter: Period::Quarter { year: 2026, q: 2 }, origin: None, rung: Rung::Noticed };
    assert_eq!(names(&d, &q, april), ["Ed Fox"]);
    // And as many as the number says, for every rung.
    let funnel = d.f.diary.funnel(&q).unwrap();
    for group in std::iter::once(&funnel.overall).chain(&funnel.by_origin) {
        for r in &group.rungs {
            assert_eq!(d.f.diary.funnel_people(&q, &r.reached.cell).unwrap().len() as u32, r.reached.n, "{:?}", r.reached.cell);
        }
    }
}

#[test]
fn the_quarter_ends_at_midnight_in_the_diarys_time_zone() {
    let d = built();
    // Di at 22:00 in Berlin on 31 March is Q1's; Ed half an hour after midnight is Q2's.
    let q2 = FunnelQuery { period: Period::Quarter { year: 2026, q: 2 }, ..q1() };
    let funnel = d.f.diary.funnel(&q2).unwrap();
    assert_eq!(reached(&funnel.overall), [1, 0, 0, 0, 0, 0]);
    assert_eq!(names(&d, &q2, FunnelCell::Reached { origin: None, rung: Rung::Noticed }), ["Ed Fox"]);
    // Today is in Q2: nothing after it; Q1 steps forward to Q2 and back to Q4 2025.
    assert_eq!(funnel.next, None);
    assert_eq!(funnel.this_quarter, Period::Quarter { year: 2026, q: 2 });
    let q1 = d.f.diary.funnel(&q1()).unwrap();
    assert_eq!((q1.previous, q1.next), (Some(Period::Quarter { year: 2025, q: 4 }), Some(Period::Quarter { year: 2026, q: 2 })));
    // The trend: the four quarters ending with Q1.
    let trend: Vec<(String, u32)> = q1.quarters.iter().map(|q| (q.label.clone(), q.reached[0].n)).collect();
    assert_eq!(trend, [("Q2 2025".into(), 0), ("Q3 2025".into(), 0), ("Q4 2025".into(), 0), ("Q1 2026".into(), 7)]);
    assert_eq!(q1.quarters[3].percents, q1.overall.steps.iter().map(|s| s.percent).collect::<Vec<_>>());
    // The year holds both.
    let year = d.f.diary.funnel(&FunnelQuery { period: Period::Year { year: 2026 }, ..FunnelQuery::default() }).unwrap();
    assert_eq!(year.overall.rungs[0].reached.n, 8);
}

#[test]
fn archived_people_are_left_out_unless_asked() {
    let d = built();
    let with = d.f.diary.funnel(&FunnelQuery { include_archived: true, ..q1() }).unwrap();
    // Gus on X, conversing from his first message.
    assert_eq!(reached(&with.overall), [8, 7, 6, 5, 2, 1]);
    let x = with.by_origin.iter().find(|g| g.origin.as_deref() == Some("x")).unwrap();
    assert_eq!(reached(x), [2, 2, 2, 1, 0, 0]);
}

#[test]
fn the_tag_and_origin_filters_narrow_every_figure() {
    let d = built();
    let vip = d.f.diary.funnel(&FunnelQuery { tag: Some(" VIP ".into()), ..q1() }).unwrap();
    // Ana and Fay: tags are matched whatever their case.
    assert_eq!(reached(&vip.overall), [2, 2, 2, 2, 1, 1]);
    assert_eq!(vip.query.tag.as_deref(), Some("VIP"));
    let li = d.f.diary.funnel(&FunnelQuery { origin: Some("linkedin".into()), ..q1() }).unwrap();
    assert_eq!(reached(&li.overall), [4, 3, 2, 2, 1, 1]);
    assert_eq!(li.by_origin.len(), 1);
    let costs: Vec<&str> = li.costs.iter().map(|c| c.origin.as_str()).collect();
    assert_eq!(costs, ["linkedin"]);
    let nobody = d.f.diary.funnel(&FunnelQuery { tag: Some("no such tag".into()), ..q1() }).unwrap();
    assert_eq!(nobody.overall.rungs[0].reached.n, 0);
    assert!(nobody.overall.steps.iter().all(|s| s.percent.is_none() && s.days.is_none()));
    let bad = d.f.diary.funnel(&FunnelQuery { period: Period::Quarter { year: 2026, q: 5 }, ..q1() }).unwrap_err();
    assert_eq!(bad.field(), Some("period"));
}

#[test]
fn stalls_list_the_longest_waiting_on_each_rung() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    let rungs: Vec<(Rung, u32)> = funnel.stalls.iter().map(|s| (s.rung, s.waiting)).collect();
    // Bo stands on conversing again; working is where the ladder ends, so not a stall.
    assert_eq!(rungs, [(Rung::Noticed, 1), (Rung::Connected, 1), (Rung::Conversing, 1), (Rung::Spoken, 2), (Rung::Met, 1)]);
    let conversing = &funnel.stalls[2].people[0];
    // Set back by hand on 1 March 10:00; 121 days to 30 June noon.
    assert_eq!((conversing.person_id, conversing.days_waiting), (d.id("bo"), 121));
    assert_eq!(conversing.last_touch_at, Some(at(2026, 2, 9, 9, 0)));
    // Fay since 19 February (131 days), before Ivy since 20 March (102 days).
    let spoken: Vec<(i64, i64)> = funnel.stalls[3].people.iter().map(|s| (s.person_id, s.days_waiting)).collect();
    assert_eq!(spoken, [(d.id("fay"), 131), (d.id("ivy"), 102)]);
    let cy = &funnel.stalls[1].people[0];
    assert_eq!((cy.person_id, cy.follow_up_id), (d.id("cy"), Some(d.id("cy_follow_up"))));
    assert_eq!(funnel.stalls[0].people[0].follow_up_id, None);
}

#[test]
fn the_csv_holds_the_same_numbers_as_the_screen() {
    let d = built();
    let funnel = d.f.diary.funnel(&q1()).unwrap();
    let csv = d.f.diary.funnel_csv(&q1()).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap(), vec!["section", "origin", "rung", "figure", "value"]);
    let cells: HashMap<(String, String, String, String), String> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            ((r[0].to_owned(), r[1].to_owned(), r[2].to_owned(), r[3].to_owned()), r[4].to_owned())
        })
        .collect();
    let get = |s: &str, o: &str, r: &str, f: &str| {
        cells.get(&(s.into(), o.into(), r.into(), f.into())).cloned().unwrap_or_else(|| panic!("{s} {o} {r} {f}"))
    };
    for group in std::iter::once(&funnel.overall).chain(&funnel.by_origin) {
        let o = group.origin.as_deref().unwrap_or("all");
        for r in &group.rungs {
            assert_eq!(get("reached", o, r.rung.as_str(), "people"), r.reached.n.to_string());
            assert_eq!(get("reached", o, r.rung.as_str(), "by_hand"), r.by_hand.n.to_string());
        }
        for s in &group.steps {
            let step = format!("{}→{}", s.from, s.to);
            assert_eq!(get("step", o, &step, "percent"), s.percent.map(|p| p.to_string()).unwrap_or_default());
            assert_eq!(get("step", o, &step, "median_days"), s.days.map(|d| d.median.to_string()).unwrap_or_default());
        }
    }
    assert_eq!(get("step", "all", "noticed→connected", "median_days"), "10");
    assert_eq!(get("step", "all", "conversing→spoken", "p25_days"), "15");
    assert_eq!(get("cost", "linkedin", "", "hours"), "6.5");
    assert_eq!(get("cost", "linkedin", "", "hours_per_first_calls"), "3.3");
    assert_eq!(get("cost", "x", "", "hours_per_first_calls"), "");
    assert_eq!(get("cost", "facebook", "", "hours_per_first_calls"), NOT_MEASURED);
    assert_eq!(get("stops_at", "all", "", "rung"), "spoken");
    assert_eq!(get("quarter Q1 2026", "all", "working", "reached"), "1");
}

#[test]
fn the_week_in_review_gives_the_quarters_hours_per_first_call() {
    let d = built();
    let review = d.f.diary.week_review(NaiveDate::from_ymd_opt(2026, 2, 4).unwrap()).unwrap();
    // X had time but no first call; Facebook a call but no time: neither has a rate.
    let costs: Vec<(&str, f64, u32)> =
        review.first_call_costs.iter().map(|c| (c.origin.as_str(), c.hours_per_first_call, c.first_calls)).collect();
    assert_eq!(costs, [("linkedin", 3.3, 2)]);
    assert_eq!(review.first_call_line.as_deref(), Some("This quarter, LinkedIn: 3.3 h per first call"));
    let markdown = d.f.diary.week_markdown(NaiveDate::from_ymd_opt(2026, 2, 4).unwrap()).unwrap();
    assert!(markdown.contains("This quarter, LinkedIn: 3.3 h per first call.\n"), "{markdown}");
}

#[test]
fn the_first_touch_follows_touches_logged_late_and_deleted() {
    let mut f = Fixture::at(at(2026, 3, 1, 9, 0), Berlin);
    let jo = add(&mut f, "Jo Lane", at(2026, 3, 1, 9, 0), None, &[]);
    let first = f.touch(jo, Channel::DirectMessage, at(2026, 3, 1, 9, 0), on(HandlePlatform::X, Direction::Out));
    // The row keeps it, so the funnel never asks each person's touches.
    let kept =
        |f: &Fixture| f.sql().query_row("SELECT first_touch_id FROM person WHERE id = ?1", [jo], |r| r.get::<_, Option<i64>>(0)).unwrap();
    assert_eq!(kept(&f), Some(first));
    let origin = |f: &Fixture| f.diary.funnel(&q1()).unwrap().by_origin.iter().map(|g| g.origin.clone().unwrap()).collect::<Vec<_>>();
    assert_eq!(origin(&f), ["x"]);
    // A LinkedIn message dated before it, logged after: the relationship began there.
    let early = f.touch(jo, Channel::DirectMessage, at(2026, 2, 20, 9, 0), on(HandlePlatform::Linkedin, Direction::Out));
    assert_eq!(origin(&f), ["linkedin"]);
    assert_eq!(kept(&f), Some(early));
    // Deleted, it no longer counts.
    f.diary.delete_touch(early).unwrap();
    assert_eq!(origin(&f), ["x"]);
    assert_eq!(kept(&f), Some(first));
}
