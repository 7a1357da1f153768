//! The week in review: a constructed week in Berlin (the one in which summer time ends),
//! with touches, rung moves, sessions and follow-ups on both sides of its boundaries,
//! every figure asserted; the reflection; the end-of-week reminder; the Markdown export.

mod common;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::FollowUpInput;
use rapport_core::storage::{QuietHours, ReviewTime, Settings};
use rapport_core::time::SessionInput;
use rapport_core::touches::TouchPerson;
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, NudgeKind, Outcome, Rung};
use rapport_core::week::{ChannelCount, LadderMove, Money, RungCount, WeekTrend};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn session(platform: &str, from: DateTime<Utc>, minutes: i64) -> SessionInput {
    SessionInput { platform: platform.into(), started_at: from, ended_at: from + Duration::minutes(minutes), note: String::new() }
}

fn follow_up(title: &str, due: NaiveDate, time: Option<(u32, u32)>) -> FollowUpInput {
    FollowUpInput {
        person_id: None,
        touch_id: None,
        kind: FollowUpKind::Write,
        title: title.into(),
        notes: String::new(),
        due_date: due.into(),
        due_time: time.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    }
}

struct People {
    ana: i64,
    ed: i64,
}

/// The week of Monday 19 October 2026 in Berlin: from 18 Oct 22:00 UTC (CEST) to
/// 25 Oct 23:00 UTC (CET), 169 hours long. The clock ends at Wednesday 28 October.
fn constructed_week() -> (Fixture, People) {
    let mut f = Fixture::at(at(2026, 10, 1, 9, 0), Berlin);
    let ana = f.person("Ana Lima");
    let bo = f.person("Bo Berg");
    let cy = f.person("Cy Dunn");
    let di = f.person("Di Ortiz");
    let fay = f.person("Fay Kim");

    // Before the week.
    f.touch(ana, Channel::DirectMessage, at(2026, 10, 10, 9, 0), |t| t.direction = Direction::In); // → conversing
    f.touch(bo, Channel::Phone, at(2026, 10, 12, 9, 0), |_| {}); // → spoken
    f.touch(fay, Channel::Event, at(2026, 10, 18, 21, 59), |_| {}); // Sunday 23:59 CEST: the week before → met
    f.set_now(at(2026, 10, 15, 9, 0), Berlin);
    f.diary.add_follow_up(&follow_up("Due last week", day(2026, 10, 16), None)).unwrap();
    f.diary.add_follow_up(&follow_up("Due next week", day(2026, 10, 27), None)).unwrap();

    // In the week.
    f.set_now(at(2026, 10, 19, 9, 0), Berlin);
    f.diary.add_follow_up(&follow_up("Done on its day", day(2026, 10, 20), None)).unwrap();
    f.diary.add_follow_up(&follow_up("Due Monday noon", day(2026, 10, 19), Some((12, 0)))).unwrap();
    f.diary.add_follow_up(&follow_up("Missed on Friday", day(2026, 10, 23), None)).unwrap();
    f.diary.add_follow_up(&follow_up("Missed on Sunday", day(2026, 10, 25), None)).unwrap();
    f.touch(ana, Channel::Phone, at(2026, 10, 20, 10, 0), |t| t.outcome = Outcome::MeetingBooked);
    f.touch(ana, Channel::InPerson, at(2026, 10, 22, 10, 0), |_| {});
    f.touch(bo, Channel::Phone, at(2026, 10, 21, 10, 0), |t| t.outcome = Outcome::Referral);
    f.touch(cy, Channel::PublicPost, at(2026, 10, 23, 10, 0), |t| {
        t.personal = false;
        t.platform = Some(HandlePlatform::Linkedin);
    });
    f.touch(cy, Channel::DirectMessage, at(2026, 10, 23, 11, 0), |t| {
        t.platform = Some(HandlePlatform::Linkedin);
        t.outcome = Outcome::Replied;
    });
    f.touch(di, Channel::Email, at(2026, 10, 24, 10, 0), |t| {
        t.outcome = Outcome::BusinessWon;
        t.outcome_value_cents = Some(120_000);
        t.outcome_currency = Some("EUR".into());
    });
    let gone = f.touch(di, Channel::Email, at(2026, 10, 24, 11, 0), |_| {});
    f.diary.delete_touch(gone).unwrap();
    // Sunday 23:59 CET, after the clocks went back: still this week.
    f.touch(bo, Channel::DirectMessage, at(2026, 10, 25, 22, 59), |t| t.platform = Some(HandlePlatform::X));
    f.set_now(at(2026, 10, 22, 9, 0), Berlin);
    let ed = f.person("Ed Park");
    f.touch(ed, Channel::Video, at(2026, 10, 24, 9, 0), |_| {});
    f.set_now(at(2026, 10, 20, 15, 0), Berlin);
    let ids: Vec<(String, i64)> =
        f.diary.agenda().unwrap().overdue.iter().chain(&f.diary.agenda().unwrap().today).map(|x| (x.title.clone(), x.id)).collect();
    let id = |title: &str| ids.iter().find(|(t, _)| t == title).unwrap().1;
    f.diary.complete_follow_up(id("Done on its day"), None).unwrap();
    f.diary.complete_follow_up(id("Due last week"), None).unwrap();
    f.set_now(at(2026, 10, 21, 9, 0), Berlin);
    f.diary.complete_follow_up(id("Due Monday noon"), None).unwrap();

    // Logged afterwards: the sessions; after the week: the Monday 00:00 CET touch, a
    // session across the boundary, Cy's call.
    f.set_now(at(2026, 10, 28, 12, 0), Berlin);
    f.touch(bo, Channel::DirectMessage, at(2026, 10, 25, 23, 0), |_| {});
    f.diary.add_session(&session("linkedin", at(2026, 10, 14, 8, 0), 60)).unwrap(); // the week before
    f.diary.add_session(&session("linkedin", at(2026, 10, 20, 8, 0), 90)).unwrap();
    f.diary.add_session(&session("x", at(2026, 10, 25, 22, 30), 60)).unwrap();
    f.touch(cy, Channel::Phone, at(2026, 10, 27, 10, 0), |_| {});
    (f, People { ana, ed })
}

#[test]
fn a_constructed_week_has_exactly_its_figures() {
    let (f, p) = constructed_week();
    let w = f.diary.week_review(day(2026, 10, 21)).unwrap();
    assert_eq!((w.week_start, w.week_end), (day(2026, 10, 19), day(2026, 10, 25)));
    assert_eq!((w.from, w.until), (at(2026, 10, 18, 22, 0), at(2026, 10, 25, 23, 0)), "169 hours: summer time ended");
    assert!(!w.current);
    assert_eq!(w.neglected, None, "neglect is about today, not a past week");

    // Time: 90 min on LinkedIn, and 30 of the X session's 60 fall before Monday.
    let used: Vec<(&str, i64)> =
        w.time.uses.iter().filter(|u| u.used_seconds > 0).map(|u| (u.scope.as_str(), u.used_seconds / 60)).collect();
    assert_eq!(used, [("all", 120), ("x", 30), ("linkedin", 90)]);
    assert_eq!(w.time.uses[0].percent, Some(40));
    let linkedin = w.yields.iter().find(|y| y.platform == "linkedin").unwrap();
    assert_eq!((linkedin.personal_touches, linkedin.replies, linkedin.minutes), (1, 1, 90.0));
    let x = w.yields.iter().find(|y| y.platform == "x").unwrap();
    assert_eq!((x.personal_touches, x.minutes), (1, 30.0));

    // Touches: eight, the deleted one and those across both boundaries left out.
    let t = &w.touches;
    assert_eq!((t.total, t.personal, t.broadcast), (8, 7, 1));
    assert_eq!((t.written, t.voice, t.face_to_face), (4, 3, 1));
    assert_eq!((t.spoken, t.personal_percent), (4, Some(88)), "7 of 8 is 87.5 %, shown as 88");
    let count = |channel| t.by_channel.iter().find(|c: &&ChannelCount| c.channel == channel).unwrap().count;
    assert_eq!(
        [
            Channel::PublicPost,
            Channel::DirectMessage,
            Channel::Email,
            Channel::Letter,
            Channel::Phone,
            Channel::Video,
            Channel::InPerson,
            Channel::Event
        ]
        .map(count),
        [1, 2, 1, 0, 2, 1, 1, 0]
    );
    assert_eq!(t.by_channel.len(), Channel::ALL.len());

    // The ladder.
    let person = |id: i64, name: &str| TouchPerson { id, display_name: name.into() };
    let moves: Vec<(&str, Rung, Rung, bool)> =
        w.ladder.moves.iter().map(|m: &LadderMove| (m.person.display_name.as_str(), m.from, m.to, m.added)).collect();
    assert_eq!(
        moves,
        [
            ("Di Ortiz", Rung::Noticed, Rung::Working, false),
            ("Ana Lima", Rung::Conversing, Rung::Met, false),
            ("Ed Park", Rung::Noticed, Rung::Spoken, true),
            ("Cy Dunn", Rung::Noticed, Rung::Conversing, false),
        ]
    );
    assert_eq!((w.ladder.moves_total, w.ladder.moved_up), (4, 4));
    assert_eq!(w.ladder.first_calls, [person(p.ana, "Ana Lima"), person(p.ed, "Ed Park")], "Bo was called the week before");
    assert_eq!(w.ladder.first_meetings, [person(p.ana, "Ana Lima")], "Fay was met a minute before the week");
    let rungs: Vec<(Rung, u32, u32)> = w.ladder.rungs.iter().map(|r: &RungCount| (r.rung, r.before, r.after)).collect();
    assert_eq!(
        rungs,
        [
            (Rung::Noticed, 2, 0),
            (Rung::Connected, 0, 0),
            (Rung::Conversing, 1, 1), // Cy's call on Tuesday after is not counted
            (Rung::Spoken, 1, 2),
            (Rung::Met, 1, 2),
            (Rung::Working, 0, 1),
        ]
    );
    let changes: Vec<&str> = w.ladder.rungs.iter().map(|r| r.change.as_str()).collect();
    assert_eq!(changes, ["-2", "", "", "+1", "+1", "+1"]);

    // Follow-ups.
    let fu = &w.follow_ups;
    assert_eq!((fu.done, fu.done_late, fu.created), (1, 2, 4));
    assert_eq!((fu.kept, fu.due), (3, 5), "kept on time or late, of those due");
    let missed: Vec<&str> = fu.missed.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(missed, ["Missed on Friday", "Missed on Sunday"]);

    // Outcomes, on every channel.
    let o = &w.outcomes;
    assert_eq!((o.replies, o.calls_booked, o.meetings_booked, o.referrals, o.business_won), (1, 0, 1, 1, 1));
    assert_eq!(o.won_value, [Money { currency: "EUR".into(), cents: 120_000 }]);

    // The trend: twelve weeks, this one last.
    assert_eq!(w.trend.len(), 12);
    assert_eq!(w.trend[0].week_start, day(2026, 8, 3));
    assert_eq!(
        &w.trend[9..],
        [
            WeekTrend { week_start: day(2026, 10, 5), minutes: 0, personal_touches: 1, calls_and_meetings: 0 },
            WeekTrend { week_start: day(2026, 10, 12), minutes: 60, personal_touches: 2, calls_and_meetings: 2 },
            WeekTrend { week_start: day(2026, 10, 19), minutes: 120, personal_touches: 7, calls_and_meetings: 4 },
        ]
    );
    assert!(w.trend[..9].iter().all(|t| t.minutes == 0 && t.personal_touches == 0));
}

#[test]
fn weeks_starting_on_sunday_move_the_boundaries_and_every_figure_with_them() {
    let (mut f, _) = constructed_week();
    f.diary.update_settings(Settings { week_starts_on: Weekday::Sun, ..Settings::default() }).unwrap();
    let w = f.diary.week_review(day(2026, 10, 21)).unwrap();
    assert_eq!((w.week_start, w.week_end), (day(2026, 10, 18), day(2026, 10, 24)));
    assert_eq!((w.from, w.until), (at(2026, 10, 17, 22, 0), at(2026, 10, 24, 22, 0)));
    // Fay's event (Sunday 23:59 CEST) is in; Bo's message on the Sunday after is not.
    assert_eq!((w.touches.total, w.touches.face_to_face, w.touches.written), (8, 2, 3));
    let firsts: Vec<&str> = w.ladder.first_meetings.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(firsts, ["Ana Lima", "Fay Kim"]);
    assert_eq!(w.time.uses[0].used_seconds, 90 * 60);
    assert_eq!(w.trend.last().unwrap().week_start, day(2026, 10, 18));
}

#[test]
fn the_current_week_lists_who_is_neglected_now() {
    let mut f = Fixture::new(); // Tuesday 31 March 2026, UTC
    let quiet = f.person("Quiet Client");
    let cadence = f.person("Old Friend");
    let fresh = f.person("Fresh Contact");
    f.touch(quiet, Channel::Email, at(2025, 12, 1, 9, 0), |t| t.outcome = Outcome::BusinessWon);
    f.touch(cadence, Channel::Phone, at(2026, 2, 1, 9, 0), |_| {});
    f.touch(fresh, Channel::Phone, at(2026, 3, 30, 9, 0), |_| {});
    let w = f.diary.week_review(day(2026, 3, 31)).unwrap();
    assert!(w.current);
    let neglected: Vec<(NudgeKind, &str)> = w.neglected.as_ref().unwrap().iter().map(|n| (n.kind, n.display_name.as_str())).collect();
    assert_eq!(neglected, [(NudgeKind::GoneQuiet, "Quiet Client"), (NudgeKind::Cadence, "Old Friend")]);
    // One click makes a follow-up, and the person leaves the list.
    let nudge = w.neglected.unwrap()[1].clone();
    f.diary.follow_up_from_nudge(nudge.person_id, nudge.kind).unwrap();
    assert_eq!(f.diary.week_review(day(2026, 3, 31)).unwrap().neglected.unwrap().len(), 1);
    assert_eq!(f.diary.week_review(day(2026, 3, 24)).unwrap().neglected, None);
}

#[test]
fn the_end_of_week_reminder_comes_once_at_the_set_day_and_time() {
    // Friday 23 October 2026, 15:59 in Berlin (CEST, UTC+2).
    let mut f = Fixture::at(at(2026, 10, 23, 13, 59), Berlin);
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::Phone, at(2026, 10, 20, 9, 0), |_| {});
    assert_eq!(f.diary.claim_review_reminder().unwrap(), None);
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 10, 23, 14, 0)));

    f.set_now(at(2026, 10, 23, 14, 0), Berlin);
    let r = f.diary.claim_review_reminder().unwrap().unwrap();
    assert_eq!(r.summary, "Your week in review");
    assert_eq!(r.body, "0 min on social media, 1 personal touches, 1 calls and meetings. Five minutes to look back?");
    assert_eq!(r.week_start, Some(day(2026, 10, 19)));
    assert_eq!(f.diary.claim_review_reminder().unwrap(), None, "once a week");
    // Next: the following Friday 16:00, by then in winter time (UTC+1).
    f.diary.update_settings(Settings { digest_time: NaiveTime::from_hms_opt(23, 59, 0).unwrap(), ..f.diary.settings().unwrap() }).unwrap();
    f.set_now(at(2026, 10, 24, 22, 0), Berlin);
    f.diary.claim_digest().unwrap();
    assert!(f.diary.next_reminder_at().unwrap().unwrap() <= at(2026, 10, 30, 15, 0));
    f.set_now(at(2026, 10, 30, 14, 59), Berlin);
    assert_eq!(f.diary.claim_review_reminder().unwrap(), None, "15:59 CET is before 16:00");
    f.set_now(at(2026, 10, 30, 15, 0), Berlin);
    assert_eq!(f.diary.claim_review_reminder().unwrap().unwrap().week_start, Some(day(2026, 10, 26)));

    // Quiet hours hold it back until they end; turned off, it never comes.
    f.diary
        .update_settings(Settings {
            quiet_hours: Some(QuietHours {
                start: NaiveTime::from_hms_opt(15, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            }),
            ..f.diary.settings().unwrap()
        })
        .unwrap();
    f.set_now(at(2026, 11, 6, 15, 30), Berlin); // Friday 16:30 CET
    assert_eq!(f.diary.claim_review_reminder().unwrap(), None);
    assert_eq!(f.diary.next_reminder_at().unwrap(), Some(at(2026, 11, 6, 16, 0)));
    f.set_now(at(2026, 11, 6, 16, 0), Berlin);
    assert!(f.diary.claim_review_reminder().unwrap().is_some(), "after quiet hours, the same day");
    f.diary.update_settings(Settings { review_reminder: None, ..f.diary.settings().unwrap() }).unwrap();
    f.set_now(at(2026, 11, 13, 16, 0), Berlin);
    assert_eq!(f.diary.claim_review_reminder().unwrap(), None);
    let monday = Settings {
        review_reminder: Some(ReviewTime { day: Weekday::Mon, time: NaiveTime::from_hms_opt(8, 0, 0).unwrap() }),
        ..f.diary.settings().unwrap()
    };
    f.diary.update_settings(monday).unwrap();
    assert_eq!(f.diary.claim_review_reminder().unwrap().unwrap().week_start, Some(day(2026, 11, 9)), "Monday 08:00 has passed this week");
}

#[test]
fn the_week_as_markdown_matches_the_expected_file() {
    let (mut f, _) = constructed_week();
    let week = day(2026, 10, 19);
    f.diary.save_week_journal(week, "A good week. *Really*.").unwrap();
    f.diary.save_week_answer(week, "Did I talk to a client face to face?", "Yes: Ana, at her office.", true).unwrap();
    let r = f.diary.add_week_intention(week, "Call <Cy> | about the [deck]").unwrap();
    // "Cy" may mean Cy Dunn: the user is asked, and here says no one.
    let pick = Some(rapport_core::week::PersonPick::NoOne);
    assert!(f.diary.follow_up_from_intention(r.intentions[0].id, Some(day(2026, 10, 29)), pick).unwrap().made().is_some());
    f.diary.add_week_intention(week, "Post less").unwrap();
    let markdown = f.diary.week_markdown(day(2026, 10, 25)).unwrap();
    let expected = include_str!("fixtures/week-2026-10-19.md");
    if markdown != expected {
        std::fs::write(std::env::temp_dir().join("week-2026-10-19.md"), &markdown).unwrap();
    }
    assert_eq!(markdown, expected);
}

#[test]
fn someone_added_later_with_earlier_touches_stands_where_those_touches_put_them() {
    let mut f = Fixture::at(at(2026, 10, 28, 12, 0), Berlin);
    let late = f.person("Added Late");
    f.touch(late, Channel::Phone, at(2026, 10, 13, 12, 0), |_| {}); // the week before: → spoken
    f.touch(late, Channel::InPerson, at(2026, 10, 21, 12, 0), |_| {}); // this week: → met
    let w = f.diary.week_review(day(2026, 10, 21)).unwrap();
    let on = |rung: Rung| w.ladder.rungs.iter().find(|r| r.rung == rung).map(|r| (r.before, r.after)).unwrap();
    assert_eq!((on(Rung::Noticed), on(Rung::Spoken), on(Rung::Met)), ((0, 0), (1, 0), (0, 1)));
    let moves: Vec<(Rung, Rung)> = w.ladder.moves.iter().map(|m| (m.from, m.to)).collect();
    assert_eq!(moves, [(Rung::Spoken, Rung::Met)]);
    let earlier = f.diary.week_review(day(2026, 10, 7)).unwrap();
    assert!(earlier.ladder.rungs.iter().all(|r| r.before == 0 && r.after == 0), "not on the ladder before their first touch");
}

/// The twelve weeks' trend counts each touch once, in its local week: from the hourly
/// tally where weeks start on a whole UTC hour (Berlin, across the end of summer time),
/// from the touches themselves in Kolkata (+5:30) and Kathmandu (+5:45); and the tally
/// follows edits, deletes and restores.
#[test]
fn the_trend_counts_each_touch_in_its_local_week_in_any_zone_and_after_edits() {
    use rapport_core::touches::TouchInput;
    let now = at(2026, 11, 18, 12, 0);
    for tz in [Berlin, chrono_tz::Asia::Kolkata, chrono_tz::Asia::Kathmandu] {
        let mut f = Fixture::at(now, tz);
        let ana = f.person("Ana");
        let kinds = [Channel::DirectMessage, Channel::Phone, Channel::PublicPost, Channel::InPerson, Channel::Video];
        let mut ids = Vec::new();
        let mut when = now - Duration::minutes(1);
        while when > now - Duration::days(90) {
            let channel = kinds[ids.len() % kinds.len()];
            ids.push(f.touch(ana, channel, when, |t| t.personal = channel != Channel::PublicPost));
            when -= Duration::minutes(7 * 60 + 13);
        }
        // A message moved three weeks back and made a call; one deleted; one deleted and
        // restored; a broadcast made personal.
        let mut moved = TouchInput::new(ana, Channel::Phone);
        moved.when = Some(now - Duration::days(24) - Duration::minutes(17));
        f.diary.update_touch(ids[0], &moved).unwrap();
        f.diary.delete_touch(ids[1]).unwrap();
        f.diary.delete_touch(ids[3]).unwrap();
        f.diary.restore_touch(ids[3]).unwrap();
        let mut personal = TouchInput::new(ana, Channel::PublicPost);
        personal.when = Some(now - Duration::days(40));
        f.diary.update_touch(ids[2], &personal).unwrap();

        let trend = f.diary.week_review(now.date_naive()).unwrap().trend;
        let sql = f.sql();
        let mut total = 0;
        for week in &trend {
            let local_midnight = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap().and_local_timezone(tz).earliest().unwrap().timestamp();
            let (from, until) = (local_midnight(week.week_start), local_midnight(week.week_start + Duration::days(7)));
            let expected: (u32, u32) = sql
                .query_row(
                    "SELECT count(*) FILTER (WHERE personal = 1), count(*) FILTER (WHERE channel IN ('phone', 'video', 'in_person', 'event'))
                     FROM touch WHERE deleted_at IS NULL AND happened_at >= ?1 AND happened_at < ?2",
                    [from, until],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!((week.personal_touches, week.calls_and_meetings), expected, "{tz}, the week of {}", week.week_start);
            total += week.personal_touches;
        }
        assert!(total > 200, "{tz}: {total} personal touches in the trend");
        // The tally itself equals the touches, hour by hour.
        let rows = |query: &str| -> Vec<(i64, i64, i64)> {
            sql.prepare(query).unwrap().query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
        };
        assert_eq!(
            rows("SELECT hour, personal, spoken FROM touch_hour WHERE personal != 0 OR spoken != 0 ORDER BY hour"),
            rows("SELECT happened_at / 3600, sum(personal), sum(channel IN ('phone', 'video', 'in_person', 'event')) FROM touch
                  WHERE deleted_at IS NULL GROUP BY 1 HAVING sum(personal) != 0 OR sum(channel IN ('phone', 'video', 'in_person', 'event')) != 0 ORDER BY 1"),
            "{tz}"
        );
    }
}

#[test]
fn a_follow_up_past_due_is_overdue_while_its_week_goes_on_and_missed_once_it_is_over() {
    // Wednesday 1 April 2026, 12:00 UTC; the week runs Monday 30 March to Sunday 5 April.
    let mut f = Fixture::at(at(2026, 4, 1, 12, 0), chrono_tz::UTC);
    let today = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    f.diary.add_follow_up(&follow_up("Call this morning", today, Some((9, 0)))).unwrap();
    let fu = f.diary.week_review(today).unwrap().follow_ups;
    let titles = |list: &[rapport_core::agenda::FollowUp]| list.iter().map(|f| f.title.clone()).collect::<Vec<_>>();
    assert_eq!((titles(&fu.overdue), fu.missed.len(), fu.due), (vec!["Call this morning".to_owned()], 0, 1));

    f.set_now(at(2026, 4, 6, 0, 0), chrono_tz::UTC); // the week is over
    let fu = f.diary.week_review(today).unwrap().follow_ups;
    assert_eq!((titles(&fu.missed), fu.overdue.len(), fu.due), (vec!["Call this morning".to_owned()], 0, 1));
}
