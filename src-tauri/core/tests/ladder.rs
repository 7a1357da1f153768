//! The ladder's rules: touches move people up and never down; the user moves them anywhere.

mod common;

use common::{at, now, Fixture};
use rapport_core::ladder::{rung_proved_by, TouchFacts};
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, Direction, Outcome, Rung, RungCause};

fn proved(channel: Channel, direction: Direction, personal: bool, outcome: Outcome) -> Option<Rung> {
    rung_proved_by(TouchFacts { channel, direction, personal, outcome })
}

#[test]
fn each_kind_of_touch_proves_its_rung() {
    use Channel::*;
    use Direction::{In, Out};
    use Outcome::{BusinessWon, Replied};
    let none = Outcome::None;
    // Messages: only a personal exchange proves a conversation.
    assert_eq!(proved(DirectMessage, Out, true, none), None, "a message nobody answered");
    assert_eq!(proved(DirectMessage, In, true, none), Some(Rung::Conversing));
    assert_eq!(proved(DirectMessage, Out, true, Replied), Some(Rung::Conversing));
    assert_eq!(proved(Email, In, true, none), Some(Rung::Conversing));
    assert_eq!(proved(PublicPost, In, true, none), Some(Rung::Conversing), "a personal public reply");
    assert_eq!(proved(Letter, Out, true, Replied), Some(Rung::Conversing));
    assert_eq!(proved(DirectMessage, In, false, none), None, "a broadcast they sent proves nothing");
    assert_eq!(proved(PublicPost, Out, false, Replied), None, "a reply to a broadcast is not a conversation");
    // Voice and face to face, whoever called.
    for dir in [In, Out] {
        assert_eq!(proved(Phone, dir, true, none), Some(Rung::Spoken));
        assert_eq!(proved(Video, dir, false, none), Some(Rung::Spoken));
        assert_eq!(proved(InPerson, dir, true, none), Some(Rung::Met));
        assert_eq!(proved(Event, dir, false, none), Some(Rung::Met));
    }
    // Business won is working together, whatever the channel.
    assert_eq!(proved(Email, Out, true, BusinessWon), Some(Rung::Working));
    assert_eq!(proved(PublicPost, Out, false, BusinessWon), Some(Rung::Working));
}

#[test]
fn logging_touches_moves_a_person_up_and_records_each_move() {
    let mut f = Fixture::new();
    let ana = f.person("Ana Lima");
    f.touch(ana, Channel::DirectMessage, at(2026, 3, 1, 9, 0), |_| {});
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Noticed, "one unanswered DM moves nobody");

    let reply = f.touch(ana, Channel::DirectMessage, at(2026, 3, 2, 9, 0), |t| t.direction = Direction::In);
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Conversing);
    let call = f.touch(ana, Channel::Phone, at(2026, 3, 5, 15, 30), |t| t.duration_minutes = Some(25));
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Spoken);

    let history = f.diary.rung_history(ana).unwrap();
    let steps: Vec<_> = history.iter().map(|c| (c.from, c.to, c.cause, c.touch_id)).collect();
    assert_eq!(
        steps,
        [
            (None, Rung::Noticed, RungCause::Added, None),
            (Some(Rung::Noticed), Rung::Conversing, RungCause::Touch, Some(reply)),
            (Some(Rung::Conversing), Rung::Spoken, RungCause::Touch, Some(call)),
        ]
    );
    let said: Vec<&str> = history.iter().map(|c| c.summary.as_str()).collect();
    assert_eq!(said, ["Added on Noticed", "Moved up to Conversing, by a touch", "Moved up to Spoken, by a touch"]);
    assert_eq!(history[0].changed_at, now(), "added when the diary's clock said");
    assert_eq!(history[2].changed_at, at(2026, 3, 5, 15, 30), "a move is dated by its touch");
}

#[test]
fn a_touch_never_moves_anyone_down() {
    let mut f = Fixture::new();
    let bo = f.person("Bo");
    f.touch(bo, Channel::InPerson, at(2026, 3, 1, 9, 0), |_| {});
    let before = f.diary.rung_history(bo).unwrap();
    let logged = f.diary.log_touch(&TouchInput { direction: Direction::In, ..TouchInput::new(bo, Channel::DirectMessage) }).unwrap();
    assert!(logged.rung_changes.is_empty());
    assert_eq!(f.diary.person(bo).unwrap().rung, Rung::Met);
    assert_eq!(f.diary.rung_history(bo).unwrap(), before, "no history row for a non-move");
}

#[test]
fn logging_reports_the_moves_it_caused_for_everyone_in_the_touch() {
    let mut f = Fixture::new();
    let (ana, bo) = (f.person("Ana"), f.person("Bo"));
    f.diary.set_rung(bo, Rung::Working, "").unwrap();
    let mut input = TouchInput::new(ana, Channel::Event);
    input.people.push(bo);
    let logged = f.diary.log_touch(&input).unwrap();
    let moved: Vec<_> = logged.rung_changes.iter().map(|c| (c.person_id, c.to)).collect();
    assert_eq!(moved, [(ana, Rung::Met)], "Bo, already working, stays");
    assert_eq!(f.diary.person(bo).unwrap().rung, Rung::Working);
}

#[test]
fn the_user_can_set_any_rung_up_or_down_with_a_reason() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let up = f.diary.set_rung(ana, Rung::Working, "Signed the retainer").unwrap().unwrap();
    assert_eq!(
        (up.from, up.to, up.cause, up.reason.as_str()),
        (Some(Rung::Noticed), Rung::Working, RungCause::Manual, "Signed the retainer")
    );
    let down = f.diary.set_rung(ana, Rung::Connected, "").unwrap().unwrap();
    assert_eq!((down.from, down.to), (Some(Rung::Working), Rung::Connected));
    assert_eq!(down.summary, "Set to Connected by hand");
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Connected);
    assert_eq!(f.diary.set_rung(ana, Rung::Connected, "again").unwrap(), None, "same rung: no change");
    assert_eq!(f.diary.rung_history(ana).unwrap().len(), 3);
}

#[test]
fn setting_a_rung_on_someone_missing_or_with_a_bad_reason_changes_nothing() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    assert_eq!(f.diary.set_rung(999, Rung::Met, "").unwrap_err().kind(), "not_found");
    let err = f.diary.set_rung(ana, Rung::Met, "line\nbreak").unwrap_err();
    assert_eq!(err.kind(), "invalid");
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Noticed);
    assert_eq!(f.diary.rung_history(ana).unwrap().len(), 1);
}

#[test]
fn editing_a_touch_can_raise_but_never_lowers() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let dm = f.touch(ana, Channel::DirectMessage, at(2026, 3, 1, 9, 0), |_| {});
    let mut input = TouchInput::new(ana, Channel::Video);
    input.when = Some(at(2026, 3, 1, 9, 0));
    let edited = f.diary.update_touch(dm, &input).unwrap();
    assert_eq!(edited.rung_changes.len(), 1);
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Spoken);
    input.channel = Channel::DirectMessage;
    f.diary.update_touch(dm, &input).unwrap();
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Spoken, "turning the call back into a DM keeps the rung");
}

#[test]
fn the_latest_move_can_be_taken_back_and_leaves_no_trace() {
    let mut f = Fixture::new();
    let ana = f.person("Ana");
    let up = f.diary.set_rung(ana, Rung::Met, "by mistake").unwrap().unwrap();
    let taken = f.diary.undo_rung_change(up.id).unwrap();
    assert_eq!(taken.id, up.id);
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Noticed);
    assert_eq!(f.diary.rung_history(ana).unwrap().len(), 1, "only being added is left");

    // Only the latest move, never being added, and not twice.
    let first = f.diary.set_rung(ana, Rung::Connected, "").unwrap().unwrap();
    f.diary.set_rung(ana, Rung::Conversing, "").unwrap();
    assert_eq!(f.diary.undo_rung_change(first.id).unwrap_err().to_string(), "Only the latest change of rung can be taken back.");
    let added = f.diary.rung_history(ana).unwrap()[0].id;
    assert_eq!(f.diary.undo_rung_change(added).unwrap_err().kind(), "invalid");
    assert_eq!(f.diary.undo_rung_change(999_999).unwrap_err().kind(), "not_found");
    assert_eq!(f.diary.person(ana).unwrap().rung, Rung::Conversing);
}
