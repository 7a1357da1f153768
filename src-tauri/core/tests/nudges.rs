//! Each nudge rule with exact inputs and outputs, dismissing, and turning one into a
//! follow-up. Now is 2026-03-31 12:00 UTC.

mod common;

use common::{at, Fixture};
use rapport_core::people::PersonEdit;
use rapport_core::storage::Settings;
use rapport_core::vocab::{Channel, Direction, FollowUpKind, HandlePlatform, NudgeKind, Outcome, Rung};

fn lines(f: &Fixture) -> Vec<String> {
    f.diary.nudges().unwrap().into_iter().map(|n| format!("{} {}: {}", n.title, n.display_name, n.detail)).collect()
}

fn linkedin_dm(f: &mut Fixture, person: i64, day: u32) {
    f.touch(person, Channel::DirectMessage, at(2026, 3, day, 9, 0), |t| t.platform = Some(HandlePlatform::Linkedin));
}

#[test]
fn pick_up_the_phone_after_three_personal_messages_and_never_a_call() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    linkedin_dm(&mut f, ana, 20);
    linkedin_dm(&mut f, ana, 22);
    f.touch(ana, Channel::PublicPost, at(2026, 3, 23, 9, 0), |t| t.personal = false); // a broadcast does not count
    assert!(lines(&f).is_empty(), "two messages are not yet a pattern");
    f.touch(ana, Channel::Email, at(2026, 3, 28, 9, 0), |t| t.direction = Direction::In);
    assert_eq!(lines(&f), ["Pick up the phone Ana Lima: 3 messages on LinkedIn, never spoken · last touch 3 days ago"]);

    // A call ends it; and anyone already spoken to is never nudged to call.
    f.touch(ana, Channel::Phone, at(2026, 3, 30, 9, 0), |_| {});
    assert!(lines(&f).is_empty());
}

#[test]
fn pick_up_the_phone_counts_from_the_last_call_and_follows_the_threshold() {
    let mut f = Fixture::new();
    let bo = f.person("Bo");
    f.touch(bo, Channel::Video, at(2026, 3, 1, 9, 0), |_| {});
    f.diary.set_rung(bo, Rung::Conversing, "the call went nowhere").unwrap();
    linkedin_dm(&mut f, bo, 10);
    linkedin_dm(&mut f, bo, 11);
    assert!(lines(&f).is_empty());
    f.diary.update_settings(Settings { phone_nudge_touches: 2, ..Settings::default() }).unwrap();
    assert_eq!(lines(&f), ["Pick up the phone Bo: 2 messages on LinkedIn since you last spoke · last touch 20 days ago"]);
}

#[test]
fn cadence_counts_for_relationships_not_for_imported_connections() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    f.touch(ana, Channel::Phone, at(2026, 2, 28, 12, 0), |_| {}); // spoken, 31 days ago
    let bo = f.person("Bo");
    f.touch(bo, Channel::DirectMessage, at(2026, 1, 1, 12, 0), |_| {}); // noticed, no cadence of his own
    let cy = f.person("Cy");
    f.diary.update_person(cy, &PersonEdit { display_name: "Cy".into(), cadence_days: Some(7), ..Default::default() }).unwrap();
    f.touch(cy, Channel::DirectMessage, at(2026, 3, 23, 12, 0), |_| {}); // 8 days ago, cadence 7
    let dee = f.person("Dee");
    f.diary.set_rung(dee, Rung::Met, "").unwrap(); // never touched: nothing to measure
    assert_eq!(lines(&f), ["Write to Ana: No touch for 31 days (every 30 days)", "Write to Cy: No touch for 8 days (every 7 days)",]);
    f.diary.update_settings(Settings { default_cadence_days: 31, ..Settings::default() }).unwrap();
    assert_eq!(lines(&f), ["Write to Cy: No touch for 8 days (every 7 days)"], "exactly the cadence is not yet late");
}

#[test]
fn a_client_gone_quiet_after_sixty_days() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    f.touch(ana, Channel::InPerson, at(2026, 1, 30, 12, 0), |t| t.outcome = Outcome::BusinessWon);
    f.touch(ana, Channel::Email, at(2026, 2, 1, 12, 0), |_| {}); // the thank-you, 58 days ago
    assert_eq!(lines(&f), ["Write to Ana: No touch for 58 days (every 30 days)"]);
    f.set_now(at(2026, 4, 2, 12, 0), chrono_tz::UTC);
    assert_eq!(lines(&f), ["Call Ana: A client, and no touch for 60 days"], "gone quiet replaces the cadence nudge");
}

#[test]
fn say_thank_you_for_a_referral_until_you_write() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    f.touch(ana, Channel::Email, at(2026, 3, 25, 12, 0), |t| {
        t.direction = Direction::In;
        t.outcome = Outcome::Referral;
    });
    assert_eq!(lines(&f), ["Say thank you Ana: A referral 6 days ago, and no thank-you since"]);
    f.touch(ana, Channel::Email, at(2026, 3, 26, 12, 0), |t| t.direction = Direction::In);
    assert_eq!(lines(&f).len(), 1, "their own message is not a thank-you");
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 27, 12, 0), |_| {});
    let kinds: Vec<_> = f.diary.nudges().unwrap().into_iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NudgeKind::PickUpThePhone], "thanked; three messages now ask for a call");
}

#[test]
fn a_dismissed_nudge_returns_only_when_its_facts_change() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    let nudge = f.diary.nudges().unwrap().remove(0);
    assert_eq!(nudge.kind, NudgeKind::PickUpThePhone);
    f.diary.dismiss_nudge(ana, nudge.kind).unwrap();
    assert!(lines(&f).is_empty());
    f.set_now(at(2026, 4, 5, 12, 0), chrono_tz::UTC);
    assert!(lines(&f).is_empty(), "time passing alone changes nothing");
    linkedin_dm(&mut f, ana, 30);
    assert_eq!(lines(&f), ["Pick up the phone Ana: 4 messages on LinkedIn, never spoken · last touch 6 days ago"]);
}

#[test]
fn a_nudge_becomes_a_follow_up_due_today() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    let nudge = f.diary.nudges().unwrap().remove(0);
    let follow_up = f.diary.follow_up_from_nudge(nudge.person_id, nudge.kind).unwrap();
    assert_eq!(follow_up.kind, FollowUpKind::Call);
    assert_eq!(follow_up.title, "Call Ana Lima");
    assert_eq!(follow_up.notes, nudge.detail);
    assert!(!follow_up.due_has_time);
    assert_eq!(f.diary.agenda().unwrap().today.len(), 1);
    assert!(lines(&f).is_empty(), "the nudge is dealt with");
}

#[test]
fn archived_and_merged_people_are_never_nudged() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    f.diary.archive_person(ana).unwrap();
    assert!(lines(&f).is_empty());
}

#[test]
fn at_most_25_nudges_of_a_kind_the_strongest_first() {
    let mut f = Fixture::new();
    for i in 0..30 {
        let who = f.person(&format!("Person {i:02}"));
        // Person 29 has the most messages, person 0 the fewest (3).
        for m in 0..(3 + i) {
            f.touch(who, Channel::DirectMessage, at(2026, 3, 1, 9, m), |_| {});
        }
    }
    let phone: Vec<String> =
        f.diary.nudges().unwrap().into_iter().filter(|n| n.kind == NudgeKind::PickUpThePhone).map(|n| n.display_name).collect();
    assert_eq!(phone.len(), rapport_core::agenda::NUDGES_PER_KIND);
    assert_eq!((phone[0].as_str(), phone[24].as_str()), ("Person 29", "Person 05"));
}

#[test]
fn at_most_25_silences_of_each_kind_the_longest_first() {
    let mut f = Fixture::new();
    let days_ago = |days: i64, hours: i64| common::now() - chrono::Duration::days(days) - chrono::Duration::hours(hours);
    for i in 0..30 {
        // Clients silent 61 to 90 days; people spoken to silent 31 to 60 days.
        let client = f.person(&format!("Client {i:02}"));
        f.touch(client, Channel::InPerson, days_ago(61 + i, 0), |t| t.outcome = Outcome::BusinessWon);
        let spoken = f.person(&format!("Spoken {i:02}"));
        f.touch(spoken, Channel::Phone, days_ago(31 + i, 0), |_| {});
    }
    // A client silent 40½ days: past the cadence, not yet gone quiet.
    let late = f.person("Late client");
    f.touch(late, Channel::InPerson, days_ago(40, 12), |t| t.outcome = Outcome::BusinessWon);

    let nudges = f.diary.nudges().unwrap();
    let names = |kind| nudges.iter().filter(|n| n.kind == kind).map(|n| n.display_name.as_str()).collect::<Vec<_>>();
    let quiet = names(NudgeKind::GoneQuiet);
    assert_eq!((quiet.len(), quiet[0], quiet[24]), (25, "Client 29", "Client 05"));
    let cadence = names(NudgeKind::Cadence);
    assert_eq!(cadence.len(), 25);
    assert_eq!(&cadence[..2], ["Spoken 29", "Spoken 28"]);
    // 40 days, as Spoken 09, but half a day longer: before Spoken 09.
    assert_eq!(&cadence[19..], ["Spoken 10", "Late client", "Spoken 09", "Spoken 08", "Spoken 07", "Spoken 06"]);
}

#[test]
fn at_most_25_thank_yous_the_latest_outcome_first_one_per_person() {
    let mut f = Fixture::new();
    let won = |f: &mut Fixture, who: i64, day: u32, hour: u32| {
        f.touch(who, Channel::Email, at(2026, 3, day, hour, 0), |t| {
            t.direction = Direction::In;
            t.outcome = Outcome::Referral;
        })
    };
    let mut people = Vec::new();
    for i in 0..28 {
        let who = f.person(&format!("Referrer {i:02}"));
        won(&mut f, who, 2 + i, 9);
        people.push(who);
    }
    // Referrer 00 referred again, most recently of all: one nudge, for the new referral.
    let again = won(&mut f, people[0], 30, 9);
    // Referrer 27 was thanked.
    f.touch(people[27], Channel::Email, at(2026, 3, 30, 10, 0), |_| {});

    let thanks: Vec<_> = f.diary.nudges().unwrap().into_iter().filter(|n| n.kind == NudgeKind::SayThankYou).collect();
    assert_eq!(thanks.len(), rapport_core::agenda::NUDGES_PER_KIND);
    let names: Vec<&str> = thanks.iter().map(|n| n.display_name.as_str()).collect();
    assert_eq!(&names[..3], ["Referrer 00", "Referrer 26", "Referrer 25"]);
    assert_eq!(names[24], "Referrer 03");
    assert_eq!(thanks[0].facts, again.to_string(), "the latest referral");
    assert_eq!(thanks[0].detail, "A referral yesterday, and no thank-you since");
}

#[test]
fn letters_are_written_messages_and_count_toward_pick_up_the_phone() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::Letter, at(2026, 3, 20, 9, 0), |_| {});
    linkedin_dm(&mut f, ana, 22);
    assert!(lines(&f).is_empty());
    f.touch(ana, Channel::Letter, at(2026, 3, 28, 9, 0), |t| t.direction = Direction::In);
    assert_eq!(lines(&f), ["Pick up the phone Ana Lima: 3 messages on LinkedIn, never spoken · last touch 3 days ago"]);
}

#[test]
fn a_nudge_is_read_again_from_the_diary_before_it_becomes_a_follow_up_or_is_dismissed() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    let shown = f.diary.nudges().unwrap().remove(0);
    // The call happens while the window still shows the nudge.
    f.touch(ana, Channel::Phone, at(2026, 3, 30, 9, 0), |_| {});
    for err in [
        f.diary.follow_up_from_nudge(shown.person_id, shown.kind).unwrap_err(),
        f.diary.dismiss_nudge(shown.person_id, shown.kind).unwrap_err(),
    ] {
        assert_eq!(err.to_string(), "That suggestion no longer applies: the diary has changed since it was shown.");
    }
    assert!(f.diary.agenda().unwrap().today.is_empty(), "no follow-up was made");
}

#[test]
fn a_dismissal_can_be_taken_back() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    let before = lines(&f);
    f.diary.dismiss_nudge(ana, NudgeKind::PickUpThePhone).unwrap();
    assert!(lines(&f).is_empty());
    f.diary.restore_nudge(ana, NudgeKind::PickUpThePhone).unwrap();
    assert_eq!(lines(&f), before);
}

#[test]
fn a_follow_up_made_from_a_nudge_is_not_announced_at_once_but_after_a_snooze() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, ana, day);
    }
    assert_eq!(f.diary.claim_due_reminders().unwrap(), []);
    let made = f.diary.follow_up_from_nudge(ana, NudgeKind::PickUpThePhone).unwrap();
    assert!(made.notified_at.is_some());
    assert_eq!(f.diary.claim_due_reminders().unwrap(), [], "the user has just decided it");
    assert_eq!(f.diary.today().unwrap().due_today.len(), 1, "it is on Today all the same");

    f.diary.snooze_follow_up(made.id, rapport_core::agenda::Snooze::Hour).unwrap();
    f.set_now(at(2026, 3, 31, 13, 0), chrono_tz::UTC);
    let said: Vec<_> = f.diary.claim_due_reminders().unwrap().into_iter().map(|r| r.summary).collect();
    assert_eq!(said, ["Call Ana Lima"], "once the snooze ends");
}

#[test]
fn the_person_page_shows_their_nudges_even_beyond_the_few_today_lists() {
    let mut f = Fixture::new();
    for n in 0..rapport_core::agenda::NUDGES_PER_KIND {
        let id = f.person(&format!("A{n:02}"));
        for day in [19, 20, 21, 22] {
            linkedin_dm(&mut f, id, day);
        }
    }
    let zoe = f.person("Zoë");
    for day in [20, 21, 22] {
        linkedin_dm(&mut f, zoe, day);
    }
    assert!(f.diary.nudges().unwrap().iter().all(|n| n.person_id != zoe), "Zoë is not among the strongest");
    let page = f.diary.person_page(zoe).unwrap();
    let nudges: Vec<_> = page.nudges.iter().map(|n| (n.title.as_str(), n.detail.as_str(), n.action.label.as_str())).collect();
    assert_eq!(nudges, [("Pick up the phone", "3 messages on LinkedIn, never spoken · last touch 9 days ago", "Log the call")]);
    let ben = f.person("Ben");
    assert!(f.diary.person_page(ben).unwrap().nudges.is_empty());

    f.diary.dismiss_nudge(zoe, NudgeKind::PickUpThePhone).unwrap();
    assert!(f.diary.person_page(zoe).unwrap().nudges.is_empty(), "dismissed there too");
}

#[test]
fn the_touch_that_brings_on_a_nudge_says_so() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    let dm = |f: &mut Fixture, day| {
        let mut t = rapport_core::touches::TouchInput::new(ana, Channel::DirectMessage);
        t.when = Some(at(2026, 3, day, 9, 0));
        f.diary.quick_log(&t).unwrap()
    };
    assert!(dm(&mut f, 20).nudges.is_empty());
    assert!(dm(&mut f, 21).nudges.is_empty());
    let third = dm(&mut f, 22);
    let prompts: Vec<_> = third.nudges.iter().map(|n| n.prompt.as_str()).collect();
    assert_eq!(prompts, ["Third message with Ana Lima, never spoken: pick up the phone?"]);

    let ben = f.person("Ben Ode");
    let mut t = rapport_core::touches::TouchInput::new(ben, Channel::Email);
    t.direction = Direction::In;
    t.outcome = Outcome::Referral;
    let logged = f.diary.quick_log(&t).unwrap();
    assert_eq!(logged.nudges.iter().map(|n| n.prompt.as_str()).collect::<Vec<_>>(), ["A referral through Ben Ode: say thank you?"]);
    assert!(f.diary.log_touch(&t).unwrap().nudges.is_empty(), "plain logging (imports, the sample) does not ask");
}
