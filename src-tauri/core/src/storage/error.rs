//! One error type for the whole core. It serializes to `{ kind, message }` (plus `field`
//! when one input caused it, and `problems` when several did) so the UI can show each
//! message next to what caused it.

use serde::ser::{Serialize, SerializeStruct, Serializer};

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad input from the user; nothing was written.
    #[error("{message}")]
    Invalid { field: &'static str, message: String },

    /// Several bad inputs at once, in the order of the input's fields; nothing was
    /// written. The first is the error's `field` and message.
    #[error("{}", .0[0].message)]
    Problems(Vec<Problem>),

    /// Input that is possible but seldom meant (a new follow-up due in the past); it is
    /// saved once the user says so. Nothing was written.
    #[error("{message}")]
    Confirm { field: &'static str, message: String },

    #[error("{what} was not found. It may have been deleted or merged.")]
    NotFound { what: String },

    #[error(
        "This diary was written by a newer version of Rapport (schema version {found}; this \
         version understands up to {supported}). Update Rapport to open it. The file was not changed."
    )]
    TooNew { found: i64, supported: i64 },

    #[error("This diary file is damaged or is not a Rapport diary ({0}). It was not changed.")]
    Damaged(String),

    #[error("The diary could not be read or written: {0}")]
    Storage(#[from] rusqlite::Error),

    #[error("The diary's schema could not be updated: {0}")]
    Migration(String),

    #[error("A file could not be read or written: {0}")]
    Io(#[from] std::io::Error),

    /// The diary could not be opened; every request says why (with the cause's kind)
    /// until the user deals with it.
    #[error("{message}")]
    NotOpen { cause: &'static str, message: String },
}

impl Error {
    /// A stable, machine-readable name for the kind of error.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::Problems(_) => "invalid",
            Error::Confirm { .. } => "confirm",
            Error::NotFound { .. } => "not_found",
            Error::TooNew { .. } => "too_new",
            Error::Damaged(_) => "damaged",
            Error::Storage(_) => "storage",
            Error::Migration(_) => "migration",
            Error::Io(_) => "io",
            Error::NotOpen { cause, .. } => cause,
        }
    }

    /// The input that caused it, for bad input.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Confirm { field, .. } => Some(field),
            Error::Problems(problems) => Some(problems[0].field),
            _ => None,
        }
    }

    /// Every bad input, each with its message; none for other errors.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            Error::Invalid { field, message } => vec![Problem { field, message: message.clone() }],
            Error::Problems(problems) => problems.clone(),
            _ => Vec::new(),
        }
    }

    /// The error every request gets while the diary at `path` could not be opened for `cause`.
    pub fn not_open(cause: &Error, path: &std::path::Path) -> Self {
        let message = format!("{cause} The file is {}", path.display());
        Error::NotOpen { cause: cause.kind(), message }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { field, message: message.into() }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    /// SQLite's "this is not a database" and "corrupt" codes mean a damaged file,
    /// which the user must hear about differently from a passing I/O problem.
    pub(crate) fn from_open(err: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        match err.sqlite_error_code() {
            Some(NotADatabase | DatabaseCorrupt) => Error::Damaged(err.to_string()),
            _ => Error::Storage(err),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let field = self.field();
        let problems = match self {
            Error::Problems(problems) => Some(problems),
            _ => None,
        };
        let len = 2 + usize::from(field.is_some()) + usize::from(problems.is_some());
        let mut s = serializer.serialize_struct("Error", len)?;
        s.serialize_field("kind", self.kind())?;
        s.serialize_field("message", &self.to_string())?;
        if let Some(field) = field {
            s.serialize_field("field", field)?;
        }
        if let Some(problems) = problems {
            s.serialize_field("problems", problems)?;
        }
        s.end()
    }
}

/// One bad input and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub field: &'static str,
    pub message: String,
}

/// Gathers an input's problems so that a form hears of all of them at once. A field
/// keeps its first problem; an error that is not about input wins over them all.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    problems: Vec<Problem>,
    other: Option<Error>,
}

impl Problems {
    pub(crate) fn add(&mut self, field: &'static str, message: impl Into<String>) {
        if !self.problems.iter().any(|p| p.field == field) {
            self.problems.push(Problem { field, message: message.into() });
        }
    }

    /// The value of a check that passed; the default when it failed, noted here.
    pub(crate) fn take<T: Default>(&mut self, result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(err @ (Error::Invalid { .. } | Error::Problems(_))) => {
                for p in err.problems() {
                    self.add(p.field, p.message);
                }
                T::default()
            }
            Err(err) => {
                self.other.get_or_insert(err);
                T::default()
            }
        }
    }

    /// Whether `field` has a problem already.
    pub(crate) fn has(&self, field: &str) -> bool {
        self.problems.iter().any(|p| p.field == field)
    }

    /// `value` if nothing was wrong; one problem reads as it always did.
    pub(crate) fn or<T>(mut self, value: T) -> Result<T> {
        if let Some(err) = self.other {
            return Err(err);
        }
        match self.problems.len() {
            0 => Ok(value),
            1 => {
                let Problem { field, message } = self.problems.remove(0);
                Err(Error::Invalid { field, message })
            }
            _ => Err(Error::Problems(self.problems)),
        }
    }
}
