//! Acting on a selection of people at once: tag, untag, set the cadence, archive or
//! restore, or give each a follow-up. Each is one transaction: all of it, or none.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::agenda::follow_ups::FollowUpInput;
use crate::people::person::{add_tags, validated_tags, MAX_CADENCE_DAYS};
use crate::people::search::index_person;
use crate::storage::diary::Diary;
use crate::storage::error::{Error, Result};

/// Most people one action takes: far more than a screen shows, few enough for one breath.
pub const MOST_SELECTED: usize = 10_000;

/// What to do to every selected person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeopleAction {
    Tag {
        tag: String,
    },
    Untag {
        tag: String,
    },
    /// `None`: back to the default from Settings.
    SetCadence {
        days: Option<u32>,
    },
    Archive,
    Restore,
    /// One follow-up each; an empty title becomes "Call Ana Lima" for each person.
    FollowUp {
        follow_up: FollowUpInput,
    },
}

/// What an action did: who it changed (not those it found already so), the words for
/// it, and the action that puts it back where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeopleChanged {
    pub changed: Vec<i64>,
    pub message: String,
    pub undo: Option<PeopleAction>,
}

fn people_text(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

impl Diary {
    /// Does `action` to each of `ids`. An unknown or merged-away id refuses the whole.
    pub fn act_on_people(&mut self, ids: &[i64], action: &PeopleAction) -> Result<PeopleChanged> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Err(Error::invalid("people", "Choose who to change."));
        }
        if ids.len() > MOST_SELECTED {
            return Err(Error::invalid("people", format!("At most {MOST_SELECTED} people can be changed at once.")));
        }
        for &id in &ids {
            if let Some(into) = self.person(id)?.merged_into {
                return Err(Error::invalid("people", format!("Person {id} was merged into person {into}.")));
            }
        }
        if let PeopleAction::FollowUp { follow_up } = action {
            return self.follow_up_each(&ids, follow_up);
        }
        let now = self.now().timestamp();
        let tx = self.conn.savepoint()?;
        let mut changed = Vec::new();
        let (message, undo) = match action {
            PeopleAction::Tag { tag } | PeopleAction::Untag { tag } => {
                let tag = validated_tags(std::slice::from_ref(tag))?.pop().ok_or_else(|| Error::invalid("tags", "Type the tag."))?;
                let tagging = matches!(action, PeopleAction::Tag { .. });
                for &id in &ids {
                    let had: bool = tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM person_tag pt JOIN tag t ON t.id = pt.tag_id
                                        WHERE pt.person_id = ?1 AND t.name = ?2 COLLATE NOCASE)",
                        params![id, tag],
                        |r| r.get(0),
                    )?;
                    if had == tagging {
                        continue;
                    }
                    if tagging {
                        add_tags(&tx, id, std::slice::from_ref(&tag))?;
                    } else {
                        tx.execute(
                            "DELETE FROM person_tag WHERE person_id = ?1 AND tag_id IN (SELECT id FROM tag WHERE name = ?2 COLLATE NOCASE)",
                            params![id, tag],
                        )?;
                    }
                    tx.execute("UPDATE person SET updated_at = ?2 WHERE id = ?1", params![id, now])?;
                    index_person(&tx, id)?;
                    changed.push(id);
                }
                let who = people_text(changed.len());
                if tagging {
                    (format!("Tagged {who} {tag}."), Some(PeopleAction::Untag { tag }))
                } else {
                    (format!("Took the tag {tag} off {who}."), Some(PeopleAction::Tag { tag }))
                }
            }
            PeopleAction::SetCadence { days } => {
                if days.is_some_and(|d| d == 0 || d > MAX_CADENCE_DAYS) {
                    return Err(Error::invalid("cadence_days", format!("Cadence must be between 1 and {MAX_CADENCE_DAYS} days.")));
                }
                for &id in &ids {
                    let n = tx.execute(
                        "UPDATE person SET cadence_days = ?2, updated_at = ?3 WHERE id = ?1 AND cadence_days IS NOT ?2",
                        params![id, days, now],
                    )?;
                    if n > 0 {
                        changed.push(id);
                    }
                }
                let who = people_text(changed.len());
                let message = match days {
                    Some(d) => format!("Set {who} to keep in touch every {d} days."),
                    None => format!("Set {who} back to the default cadence."),
                };
                (message, None)
            }
            PeopleAction::Archive | PeopleAction::Restore => {
                let archiving = matches!(action, PeopleAction::Archive);
                let sql = if archiving {
                    "UPDATE person SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL"
                } else {
                    "UPDATE person SET archived_at = NULL, updated_at = ?2 WHERE id = ?1 AND archived_at IS NOT NULL"
                };
                for &id in &ids {
                    if tx.execute(sql, params![id, now])? > 0 {
                        changed.push(id);
                    }
                }
                let who = people_text(changed.len());
                if archiving {
                    (format!("Put {who} in the archive."), Some(PeopleAction::Restore))
                } else {
                    (format!("Brought {who} back from the archive."), Some(PeopleAction::Archive))
                }
            }
            PeopleAction::FollowUp { .. } => unreachable!("done above, one follow-up at a time"),
        };
        tx.commit()?;
        Ok(PeopleChanged { changed, message, undo })
    }

    /// One follow-up for each person, all added or none.
    fn follow_up_each(&mut self, ids: &[i64], input: &FollowUpInput) -> Result<PeopleChanged> {
        let names: Vec<String> = ids.iter().map(|&id| self.person(id).map(|p| p.display_name)).collect::<Result<_>>()?;
        self.conn.execute_batch("SAVEPOINT follow_up_each")?;
        let added = ids.iter().zip(&names).try_for_each(|(&id, name)| {
            let title = if input.title.trim().is_empty() { format!("{} {name}", input.kind.verb()) } else { input.title.clone() };
            self.add_follow_up(&FollowUpInput { person_id: Some(id), title, ..input.clone() }).map(drop)
        });
        match added {
            Ok(()) => {
                self.conn.execute_batch("RELEASE follow_up_each")?;
                Ok(PeopleChanged {
                    changed: ids.to_vec(),
                    message: format!("A follow-up for each of {}.", people_text(ids.len())),
                    undo: None,
                })
            }
            Err(err) => {
                self.conn.execute_batch("ROLLBACK TO follow_up_each; RELEASE follow_up_each")?;
                Err(err)
            }
        }
    }
}
