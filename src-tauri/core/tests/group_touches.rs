//! One touch with several people: logged once, seen on each person's page, ladder and
//! nudges, edited once, and counted once in the week's figures.

mod common;

use common::{at, Fixture};
use rapport_core::touches::TouchInput;
use rapport_core::vocab::{Channel, Rung};

#[test]
fn a_meeting_with_three_people_is_one_touch_in_the_week_and_one_on_each_ladder() {
    let mut f = Fixture::new();
    let (ana, bo, cy, di) = (f.person("Ana"), f.person("Bo"), f.person("Cy"), f.person("Di"));
    let mut meeting = TouchInput::new(ana, Channel::InPerson);
    meeting.people = vec![ana, bo, cy];
    meeting.when = Some(at(2026, 3, 30, 10, 0));
    meeting.duration_minutes = Some(60);
    let logged = f.diary.log_touch(&meeting).unwrap();
    f.touch(di, Channel::Email, at(2026, 3, 30, 11, 0), |_| {});

    let week = f.diary.week_review(at(2026, 3, 31, 0, 0).date_naive()).unwrap();
    assert_eq!((week.touches.total, week.touches.face_to_face, week.touches.written), (2, 1, 1), "the meeting counts once");
    let met: Vec<&str> = week.ladder.first_meetings.iter().map(|p| p.display_name.as_str()).collect();
    assert_eq!(met, ["Ana", "Bo", "Cy"], "each of them met for the first time");
    for id in [ana, bo, cy] {
        assert_eq!(f.diary.person(id).unwrap().rung, Rung::Met);
        assert_eq!(f.diary.person_figures(id).unwrap().touches, 1);
    }
    assert_ne!(f.diary.person(di).unwrap().rung, Rung::Met, "someone not at the meeting did not meet");

    // Edited once: the notes change on every page; a person taken off loses it alone.
    meeting.notes = "Planned the launch.".into();
    meeting.people = vec![ana, cy];
    f.diary.update_touch(logged.touch.id, &meeting).unwrap();
    for id in [ana, cy] {
        let page = f.diary.person_page(id).unwrap();
        let notes: Vec<_> = page
            .timeline
            .iter()
            .filter_map(|item| match item {
                rapport_core::people::TimelineItem::Touch(t) => Some(t.notes.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(notes, ["Planned the launch."]);
    }
    assert_eq!(f.diary.person_figures(bo).unwrap().touches, 0);
    let week = f.diary.week_review(at(2026, 3, 31, 0, 0).date_naive()).unwrap();
    assert_eq!(week.touches.total, 2, "still one meeting");

    // Deleted once: gone from everyone.
    f.diary.delete_touch(logged.touch.id).unwrap();
    for id in [ana, cy] {
        assert_eq!(f.diary.person_figures(id).unwrap().touches, 0);
    }
    assert_eq!(f.diary.week_review(at(2026, 3, 31, 0, 0).date_naive()).unwrap().touches.total, 1);
}
