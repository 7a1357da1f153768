//! Writes a sample diary: `rapport-sample <demo|small|medium|large> <diary file>`.
//! The file must not exist yet; everything is dated relative to now.

use std::process::ExitCode;

use rapport_core::Diary;
use rapport_sample::{fill, SampleSize};

/// The sample is the same for the same size and day.
const SEED: u64 = 2026;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(path)) = (args.first().and_then(|s| SampleSize::named(s)), args.get(1)) else {
        eprintln!("usage: rapport-sample <demo|small|medium|large> <diary file>");
        return ExitCode::from(2);
    };
    if std::path::Path::new(path).exists() {
        eprintln!("rapport-sample: {path} exists already; it is left as it is");
        return ExitCode::FAILURE;
    }
    let started = std::time::Instant::now();
    let result = Diary::open(path).and_then(|mut diary| fill(&mut diary, size, SEED, chrono::Utc::now()));
    match result {
        Ok(()) => {
            eprintln!(
                "rapport-sample: wrote {path} ({} people, {} touches) in {:.1} s",
                size.people,
                size.touches,
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("rapport-sample: {e}");
            ExitCode::FAILURE
        }
    }
}
