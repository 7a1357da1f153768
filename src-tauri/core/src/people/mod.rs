//! People: who they are, their handles, search and saved views of the list, merging two
//! into one, their important dates, and their page.

pub(crate) mod bulk;
pub(crate) mod dates;
pub(crate) mod duplicate_review;
pub(crate) mod duplicates;
pub(crate) mod handles;
pub(crate) mod merge;
pub(crate) mod page;
pub(crate) mod person;
pub(crate) mod search;
pub(crate) mod views;
pub mod yearly;

pub use bulk::{PeopleAction, PeopleChanged, MOST_SELECTED};
pub use dates::{DateInput, ImportantDate, FIRST_YEAR};
pub use duplicate_review::{DuplicateCase, DuplicateReview, DuplicateSide, REVIEW_PAGE};
pub use duplicates::{DuplicatePair, DuplicateReason};
pub use handles::{Handle, NewHandle};
pub use page::{PersonFigures, PersonPage, TimelineItem};
pub use person::{Person, PersonEdit};
pub use search::{PeopleList, PeopleQuery, PersonSummary, PEOPLE_PAGE};
pub use views::{PeopleView, MOST_VIEWS, VIEW_NAME_MAX};
