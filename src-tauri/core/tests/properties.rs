//! Properties over generated inputs: the ladder only ever climbs to what touches prove,
//! weekly budgets split time exactly across week boundaries (and daylight saving), and
//! snoozes always land in the future at the local time they promise.

mod common;

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use common::Fixture;
use proptest::prelude::*;
use rapport_core::agenda::Snooze;
use rapport_core::ladder::{rung_proved_by, TouchFacts};
use rapport_core::storage::Settings;
use rapport_core::time::SessionInput;
use rapport_core::vocab::{Channel, Direction, Outcome, Rung};

const ZONES: [Tz; 4] = [chrono_tz::Europe::Berlin, chrono_tz::America::New_York, chrono_tz::Asia::Kolkata, chrono_tz::Australia::Sydney];

/// An instant in 2026, to the minute: both daylight-saving changes of every zone above.
fn instant_2026() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..365 * 24 * 60).prop_map(|m| Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::minutes(m))
}

fn touch_facts() -> impl Strategy<Value = (Channel, Direction, bool, Outcome)> {
    (
        prop::sample::select(Channel::ALL.to_vec()),
        prop::sample::select(vec![Direction::In, Direction::Out]),
        any::<bool>(),
        prop::sample::select(vec![
            Outcome::None,
            Outcome::Replied,
            Outcome::CallBooked,
            Outcome::MeetingBooked,
            Outcome::Referral,
            Outcome::BusinessWon,
        ]),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_ladder_climbs_to_the_highest_rung_any_touch_proves_and_never_down(
        touches in prop::collection::vec((touch_facts(), 0i64..60 * 24), 1..12),
    ) {
        let mut f = Fixture::new();
        let ana = f.person("Ana");
        let mut highest = Rung::Noticed;
        let mut seen = Rung::Noticed;
        for ((channel, direction, personal, outcome), minutes_ago) in touches {
            f.touch(ana, channel, common::now() - Duration::minutes(minutes_ago + 1), |t| {
                t.direction = direction;
                t.personal = personal;
                t.outcome = outcome;
            });
            if let Some(r) = rung_proved_by(TouchFacts { channel, direction, personal, outcome }) {
                highest = highest.max(r);
            }
            let now_on = f.diary.person(ana).unwrap().rung;
            prop_assert!(now_on >= seen, "moved down from {seen:?} to {now_on:?}");
            seen = now_on;
        }
        prop_assert_eq!(seen, highest);
        // In the order they were made, each change climbs. (Shown by date, a back-dated
        // touch that proved more can sit before a lower change made earlier.)
        let mut history = f.diary.rung_history(ana).unwrap();
        history.sort_by_key(|c| c.id);
        prop_assert!(history.windows(2).all(|w| w[0].to < w[1].to && w[1].from == Some(w[0].to)), "each change climbs: {history:?}");
    }

    #[test]
    fn weekly_budgets_split_time_exactly_across_weeks_and_daylight_saving(
        zone in prop::sample::select(ZONES.to_vec()),
        starts_on in prop::sample::select(vec![Weekday::Mon, Weekday::Sun, Weekday::Sat]),
        sessions in prop::collection::vec((instant_2026(), 1i64..600), 1..6),
    ) {
        let mut f = Fixture::at(Utc.with_ymd_and_hms(2027, 1, 15, 12, 0, 0).unwrap(), zone);
        f.diary.update_settings(Settings { week_starts_on: starts_on, ..Settings::default() }).unwrap();
        let mut total = 0i64;
        let mut added: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::new();
        for (start, minutes) in sessions {
            let end = start + Duration::minutes(minutes);
            if added.iter().any(|&(s, e)| start < e && s < end) {
                continue; // overlapping sessions are refused by design
            }
            f.diary.add_session(&SessionInput { platform: "linkedin".into(), started_at: start, ended_at: end, note: String::new() }).unwrap();
            added.push((start, end));
            total += minutes * 60;
        }
        // Walk the weeks from the first session's to the last's: each second counted once.
        let first = added.iter().map(|s| s.0).min().unwrap();
        let last = added.iter().map(|s| s.1).max().unwrap();
        let mut day = first.with_timezone(&zone).date_naive();
        let mut counted = 0i64;
        let mut previous_until = None;
        loop {
            let status = f.diary.budget_status_on(day).unwrap();
            prop_assert_eq!(status.week_start.weekday(), starts_on);
            if let Some(until) = previous_until {
                prop_assert_eq!(status.from, until, "weeks meet without gap or overlap");
            }
            let local_start = status.from.with_timezone(&zone);
            prop_assert_eq!((local_start.hour(), local_start.minute()), (0, 0), "a week starts at local midnight");
            counted += status.uses[0].used_seconds;
            previous_until = Some(status.until);
            if status.until >= last {
                break;
            }
            day = status.week_start + Duration::days(7);
        }
        prop_assert_eq!(counted, total);
    }

    #[test]
    fn a_snooze_lands_in_the_future_at_the_local_time_it_promises(
        zone in prop::sample::select(ZONES.to_vec()),
        now in instant_2026(),
    ) {
        let f = Fixture::at(now, zone);
        let today = now.with_timezone(&zone).date_naive();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        for choice in f.diary.snooze_choices().unwrap() {
            prop_assert!(choice.until > now, "{:?} is not in the future", choice.snooze);
            let local = choice.until.with_timezone(&zone);
            match choice.snooze {
                Snooze::Hour => prop_assert_eq!(choice.until - now, Duration::hours(1)),
                Snooze::Evening => prop_assert_eq!((local.date_naive(), local.hour()), (today, 18)),
                Snooze::Tomorrow => prop_assert_eq!((local.date_naive(), local.time()), (today + Duration::days(1), nine)),
                Snooze::NextWeek => {
                    prop_assert_eq!(local.weekday(), Weekday::Mon);
                    prop_assert!(local.date_naive() > today && local.date_naive() <= today + Duration::days(7));
                    prop_assert_eq!(local.time(), nine);
                }
                Snooze::Until(_) => prop_assert!(false, "not offered as a choice"),
            }
        }
    }
}
