//! The duplicates review: each likely pair (see [`crate::people::duplicates`]) with what
//! each of the two has, and which of them a merge keeps unless the user turns it round.

use serde::{Deserialize, Serialize};

use crate::people::duplicates::DuplicateReason;
use crate::people::page::PersonFigures;
use crate::people::person::Person;
use crate::storage::diary::Diary;
use crate::storage::error::Result;

/// Pairs shown at once: a review is worked through from the top, and each pair shown
/// reads its two people in full.
pub const REVIEW_PAGE: usize = 50;

/// One of the two people, as the review shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateSide {
    pub person: Person,
    pub figures: PersonFigures,
}

/// A likely pair: `keep` is the one a merge keeps, `absorb` the one merged into it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateCase {
    /// Strongest first.
    pub reasons: Vec<DuplicateReason>,
    pub keep: DuplicateSide,
    pub absorb: DuplicateSide,
}

/// The first [`REVIEW_PAGE`] pairs, strongest evidence first, and how many there are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateReview {
    pub total: usize,
    pub cases: Vec<DuplicateCase>,
}

/// Which record a merge keeps by default: the one further up the ladder, then the one
/// with more touches, then the older record. Whichever is kept, the merge keeps every
/// touch, handle and tag and the higher rung's history; this only names the record.
fn kept_first(a: &DuplicateSide, b: &DuplicateSide) -> bool {
    let weight = |s: &DuplicateSide| (s.person.rung, s.figures.touches, std::cmp::Reverse(s.person.id));
    weight(a) >= weight(b)
}

impl Diary {
    /// The review of likely duplicates, as the review screen shows it.
    pub fn duplicate_review(&self) -> Result<DuplicateReview> {
        let pairs = self.duplicate_candidates()?;
        let side = |id: i64| -> Result<DuplicateSide> { Ok(DuplicateSide { person: self.person(id)?, figures: self.person_figures(id)? }) };
        let mut cases = Vec::with_capacity(pairs.len().min(REVIEW_PAGE));
        for pair in pairs.iter().take(REVIEW_PAGE) {
            let (a, b) = (side(pair.a)?, side(pair.b)?);
            let (keep, absorb) = if kept_first(&a, &b) { (a, b) } else { (b, a) };
            cases.push(DuplicateCase { reasons: pair.reasons.clone(), keep, absorb });
        }
        Ok(DuplicateReview { total: pairs.len(), cases })
    }
}
