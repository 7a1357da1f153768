//! People: who they are, their handles, search, merging two into one, and their page.

pub(crate) mod handles;
pub(crate) mod merge;
pub(crate) mod page;
pub(crate) mod person;
pub(crate) mod search;

pub use handles::{Handle, NewHandle};
pub use page::{PersonFigures, PersonPage, TimelineItem};
pub use person::{Person, PersonEdit};
pub use search::{PeopleList, PeopleQuery, PersonSummary, PEOPLE_PAGE};
