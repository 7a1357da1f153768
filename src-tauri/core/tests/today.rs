//! Today puts the day first: due today and the best few nudges, then what is overdue,
//! summed up and grouped by how late, each row with its age and its due day (the year
//! only when it is not this year), in the user's zone.

mod common;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Europe::Berlin;
use common::{at, Fixture};
use rapport_core::agenda::{late_text, FollowUpInput, Today, GROUP_SHOWN, NUDGES_FIRST};
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, NudgeKind, Outcome};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn due(f: &mut Fixture, person: Option<i64>, title: &str, day: NaiveDate, time: Option<(u32, u32)>) -> i64 {
    let input = FollowUpInput {
        person_id: person,
        touch_id: None,
        kind: FollowUpKind::Call,
        title: title.into(),
        notes: String::new(),
        due_date: day.into(),
        due_time: time.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    };
    f.diary.add_follow_up(&input).unwrap().id
}

/// Each group as "label: count [title (late, due text), …]".
fn groups(today: &Today) -> Vec<String> {
    today
        .overdue
        .groups
        .iter()
        .map(|g| {
            let rows: Vec<String> =
                g.rows.iter().map(|r| format!("{} ({}, {})", r.follow_up.title, r.late.as_deref().unwrap_or("-"), r.due_text)).collect();
            format!("{}: {} [{}]", g.label, g.count, rows.join(", "))
        })
        .collect()
}

#[test]
fn overdue_is_summed_up_and_grouped_by_how_late_with_the_year_only_when_not_this_year() {
    let mut f = Fixture::new(); // Tuesday 2026-03-31 12:00 UTC
    due(&mut f, None, "Today's", date(2026, 3, 31), None);
    due(&mut f, None, "Earlier", date(2026, 3, 31), Some((9, 0)));
    due(&mut f, None, "Later", date(2026, 3, 31), Some((15, 0)));
    due(&mut f, None, "Yesterday's", date(2026, 3, 30), None);
    due(&mut f, None, "A week", date(2026, 3, 24), None);
    due(&mut f, None, "Eleven days", date(2026, 3, 20), None);
    due(&mut f, None, "A month", date(2026, 2, 27), None);
    due(&mut f, None, "June", date(2025, 6, 15), Some((13, 0)));
    due(&mut f, None, "Old", date(2025, 3, 1), None);

    let today = f.diary.today().unwrap();
    let due_today: Vec<_> = today.due_today.iter().map(|r| (r.follow_up.title.as_str(), r.due_text.as_str(), r.late.as_deref())).collect();
    assert_eq!(due_today, [("Today's", "any time", None), ("Later", "3:00 PM", None)]);
    assert_eq!(today.overdue.total, 7);
    assert_eq!(today.overdue.summary, "7 overdue; the oldest 1 year late.");
    assert_eq!(
        groups(&today),
        [
            "Up to a week late: 3 [Earlier (earlier today, Tue, Mar 31, 9:00 AM), Yesterday's (1 day late, Mon, Mar 30), A week (7 days late, Tue, Mar 24)]",
            "Up to a month late: 1 [Eleven days (11 days late, Fri, Mar 20)]",
            "More than a month late: 2 [A month (1 month late, Fri, Feb 27), June (9 months late, Sun, Jun 15, 2025, 1:00 PM)]",
            "More than a year late: 1 [Old (1 year late, Sat, Mar 1, 2025)]",
        ]
    );
    let choices: Vec<_> = today.overdue.drop_choices.iter().map(|c| (c.label.as_str(), c.before, c.count)).collect();
    assert_eq!(
        choices,
        [
            ("Drop the 4 more than a week late", date(2026, 3, 24), 4),
            ("Drop the 3 more than a month late", date(2026, 2, 28), 3),
            ("Drop the 1 more than a year late", date(2025, 3, 31), 1),
        ]
    );
}

#[test]
fn ages_read_in_calendar_terms() {
    let today = date(2026, 3, 31);
    let cases = [
        (date(2026, 3, 31), "earlier today"),
        (date(2026, 3, 30), "1 day late"),
        (date(2026, 3, 18), "13 days late"),
        (date(2026, 3, 17), "2 weeks late"),
        (date(2026, 3, 1), "4 weeks late"),
        (date(2026, 2, 28), "1 month late"),
        (date(2025, 5, 31), "10 months late"),
        (date(2025, 4, 1), "11 months late"),
        (date(2025, 3, 31), "1 year late"),
        (date(2023, 12, 1), "2 years late"),
    ];
    for (due, text) in cases {
        assert_eq!(late_text(due, today), text, "due {due}");
    }
}

#[test]
fn across_new_year_the_old_year_is_written_and_days_are_local() {
    // Saturday 2 January 2027, 00:30 in Berlin: still 1 January in UTC.
    let mut f = Fixture::at(at(2027, 1, 1, 23, 30), Berlin);
    due(&mut f, None, "New Year's Eve", date(2026, 12, 31), None);
    due(&mut f, None, "New Year's Day", date(2027, 1, 1), Some((18, 0)));
    due(&mut f, None, "Saturday", date(2027, 1, 2), None);
    let today = f.diary.today().unwrap();
    assert_eq!(today.due_today[0].due_text, "any time");
    assert_eq!(
        groups(&today),
        ["Up to a week late: 2 [New Year's Day (1 day late, Fri, Jan 1, 6:00 PM), New Year's Eve (2 days late, Thu, Dec 31, 2026)]"]
    );
}

#[test]
fn across_a_daylight_saving_change_a_day_late_is_one_local_day() {
    // Monday 30 March 2026, 00:30 in Berlin (CEST since Sunday 02:00): 22:30 UTC on Sunday.
    let mut f = Fixture::at(at(2026, 3, 29, 22, 30), Berlin);
    due(&mut f, None, "Sunday", date(2026, 3, 29), None);
    due(&mut f, None, "Sunday night", date(2026, 3, 29), Some((23, 30)));
    due(&mut f, None, "Monday", date(2026, 3, 30), None);
    let today = f.diary.today().unwrap();
    assert_eq!(today.due_today.iter().map(|r| r.follow_up.title.as_str()).collect::<Vec<_>>(), ["Monday"]);
    assert_eq!(
        groups(&today),
        ["Up to a week late: 2 [Sunday night (1 day late, Sun, Mar 29, 11:30 PM), Sunday (1 day late, Sun, Mar 29)]"]
    );
}

#[test]
fn a_big_group_lists_its_most_recent_and_counts_them_all() {
    let mut f = Fixture::new();
    for day in 1..=30 {
        for n in 0..3 {
            due(&mut f, None, &format!("Call {day}.{n}"), date(2025, 1, day), None);
        }
    }
    let today = f.diary.today().unwrap();
    let [group] = &today.overdue.groups[..] else { panic!("one group: {:?}", groups(&today)) };
    assert_eq!((group.key.as_str(), group.count, group.rows.len()), ("older", 90, GROUP_SHOWN));
    assert_eq!(group.rows[0].follow_up.title, "Call 30.2", "the most recently due first");
    assert_eq!(group.more.as_deref(), Some("The 50 most recent of 90 are listed; the actions for all of them are above."));
}

#[test]
fn the_best_few_nudges_come_first_one_of_each_kind_in_turn() {
    let mut f = Fixture::new();
    for name in ["Ana", "Ben", "Chloé", "David", "Elif", "Farah"] {
        let id = f.person(name);
        for day in [20, 21, 22] {
            f.touch(id, Channel::DirectMessage, at(2026, 3, day, 9, 0), |t| t.platform = Some(HandlePlatform::Linkedin));
        }
    }
    // Both thanked at the same moment: the later entry counts as the newer outcome.
    for name in ["Zoë", "Yusuf"] {
        let id = f.person(name);
        f.touch(id, Channel::Email, at(2026, 3, 25, 9, 0), |t| {
            t.direction = Direction::In;
            t.outcome = Outcome::Referral;
        });
    }
    let today = f.diary.today().unwrap();
    let shown: Vec<_> = today.nudges.iter().map(|n| (n.kind, n.display_name.as_str())).collect();
    assert_eq!(today.nudges.len(), NUDGES_FIRST);
    assert_eq!(
        shown,
        [
            (NudgeKind::SayThankYou, "Yusuf"),
            (NudgeKind::PickUpThePhone, "Ana"),
            (NudgeKind::SayThankYou, "Zoë"),
            (NudgeKind::PickUpThePhone, "Ben"),
            (NudgeKind::PickUpThePhone, "Chloé"),
        ]
    );
    assert_eq!(today.more_nudges.iter().map(|n| n.display_name.as_str()).collect::<Vec<_>>(), ["David", "Elif", "Farah"]);
    assert_eq!(today.nudges_empty, None);
    let actions: Vec<_> = today.nudges[..2].iter().map(|n| (n.action.label.as_str(), n.action.channel)).collect();
    assert_eq!(actions, [("Write a thank-you", Channel::DirectMessage), ("Log the call", Channel::Phone)]);
}

#[test]
fn each_empty_section_says_something_true() {
    let mut f = Fixture::new();
    let today = f.diary.today().unwrap();
    assert_eq!(today.due_today_empty.as_deref(), Some("Nothing due today."));
    assert_eq!(today.nudges_empty.as_deref(), Some("No nudges yet: they come from the touches you log."));
    assert_eq!(today.overdue.summary, "Nothing overdue.");
    assert!(today.overdue.groups.is_empty() && today.overdue.drop_choices.is_empty());
    assert_eq!(today.next_days_empty.as_deref(), Some("Nothing planned for the next 7 days."));

    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::Email, at(2026, 3, 30, 9, 0), |_| {});
    due(&mut f, Some(ana), "Call Ana Lima", date(2026, 4, 2), None);
    let today = f.diary.today().unwrap();
    assert_eq!(today.due_today_empty.as_deref(), Some("Nothing due today. Next: Call Ana Lima, Thu, Apr 2."));
    assert_eq!(today.nudges_empty.as_deref(), Some("No nudges right now: nobody is waiting on a call, a touch or a thank-you."));
    assert_eq!(today.next_days_empty, None);
}

#[test]
fn a_row_knows_when_its_title_already_names_the_person() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    due(&mut f, Some(ana), "Call Ana Lima", date(2026, 3, 31), None);
    due(&mut f, Some(ana), "Send the deck", date(2026, 3, 31), None);
    due(&mut f, None, "Call Ana Lima", date(2026, 3, 31), None);
    let today = f.diary.today().unwrap();
    let names: Vec<_> = today.due_today.iter().map(|r| (r.follow_up.title.as_str(), r.follow_up.title_names_person)).collect();
    assert_eq!(names, [("Call Ana Lima", true), ("Send the deck", false), ("Call Ana Lima", false)]);
}
