//! The figures kept on each person's row stay equal to what their touches say, through
//! logging, editing, deleting, restoring and merging, and after migrating a v2 diary.

mod common;

use common::{at, Fixture};
use rapport_core::touches::TouchInput;
use rapport_core::vocab::Channel;
use rapport_sample::{fill, SampleSize};

type Figures = Vec<(i64, Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64)>;

/// What each person's row says.
fn stored(f: &Fixture) -> Figures {
    let sql = f.sql();
    let mut stmt = sql
        .prepare("SELECT id, last_touch_at, first_call_at, first_met_at, last_spoken_at, messages_since_spoken FROM person ORDER BY id")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))).unwrap().map(Result::unwrap).collect()
}

/// The same figures worked out from the touches, written independently of the core.
fn recomputed(f: &Fixture) -> Figures {
    let sql = f.sql();
    let mut stmt = sql
        .prepare(
            "WITH t AS (SELECT tp.person_id AS p, t.happened_at AS at, t.channel AS c, t.personal AS personal
                        FROM touch_person tp JOIN touch t ON t.id = tp.touch_id WHERE t.deleted_at IS NULL),
                  s AS (SELECT p, max(at) AS spoken FROM t WHERE c IN ('phone', 'video', 'in_person', 'event') GROUP BY p)
             SELECT person.id,
                    (SELECT max(at) FROM t WHERE p = person.id),
                    (SELECT min(at) FROM t WHERE p = person.id AND c IN ('phone', 'video')),
                    (SELECT min(at) FROM t WHERE p = person.id AND c IN ('in_person', 'event')),
                    (SELECT spoken FROM s WHERE p = person.id),
                    (SELECT count(*) FROM t WHERE p = person.id AND personal = 1 AND c IN ('public_post', 'direct_message', 'email')
                        AND at > coalesce((SELECT spoken FROM s WHERE p = person.id), -1))
             FROM person ORDER BY person.id",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn row_figures_follow_every_write_to_touches() {
    let now = at(2026, 11, 18, 12, 0);
    let mut f = Fixture::at(now, chrono_tz::UTC);
    fill(&mut f.diary, SampleSize::DEMO, 3, now).unwrap();
    assert_eq!(stored(&f), recomputed(&f), "after generating");

    let ana = f.person("Ana");
    let bo = f.person("Bo");
    let dm = f.touch(ana, Channel::DirectMessage, at(2026, 11, 10, 9, 0), |_| {});
    let call = f.touch(ana, Channel::Phone, at(2026, 11, 11, 9, 0), |_| {});
    f.touch(ana, Channel::Email, at(2026, 11, 12, 9, 0), |_| {});
    f.touch(bo, Channel::InPerson, at(2026, 11, 1, 9, 0), |_| {});
    assert_eq!(stored(&f), recomputed(&f), "after logging");
    // The call moves back before the message and to Bo as well.
    let mut edit = TouchInput::new(ana, Channel::Phone);
    edit.people = vec![ana, bo];
    edit.when = Some(at(2026, 11, 9, 9, 0));
    f.diary.update_touch(call, &edit).unwrap();
    assert_eq!(stored(&f), recomputed(&f), "after editing");
    f.diary.delete_touch(call).unwrap();
    f.diary.delete_touch(dm).unwrap();
    assert_eq!(stored(&f), recomputed(&f), "after deleting");
    f.diary.restore_touch(call).unwrap();
    assert_eq!(stored(&f), recomputed(&f), "after restoring");
    f.diary.merge_people(ana, bo).unwrap();
    assert_eq!(stored(&f), recomputed(&f), "after merging");
    // Ana's row: her last touch is the email of 12 November, the one message since the
    // restored call of 9 November (the direct message stays deleted).
    let ana_row = stored(&f).into_iter().find(|r| r.0 == ana).unwrap();
    assert_eq!((ana_row.1, ana_row.5), (Some(at(2026, 11, 12, 9, 0).timestamp()), 1));
}
