//! DESIGN.md's vocabulary as types. Each is stored as its snake_case name, the same
//! name the UI sends and receives, and the same name the schema's CHECKs accept.

/// Declares an enum stored and sent as its snake_case name.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
                 serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} {text:?}", stringify!($name)).into()))
            }
        }
    };
}

text_enum! {
    /// A person's place on the ladder, lowest first.
    Rung {
        Noticed = "noticed",
        Connected = "connected",
        Conversing = "conversing",
        Spoken = "spoken",
        Met = "met",
        Working = "working",
    }
}

text_enum! {
    /// Where a handle lives.
    HandlePlatform {
        X = "x",
        Linkedin = "linkedin",
        Facebook = "facebook",
        Instagram = "instagram",
        Email = "email",
        Phone = "phone",
        Website = "website",
        Other = "other",
    }
}
