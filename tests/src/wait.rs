//! Waiting for the app: the one polling loop every wait in the tests goes through.

use std::fmt::Debug;
use std::time::{Duration, Instant};

use crate::PATIENCE;

/// How often a wait looks again.
const EVERY: Duration = Duration::from_millis(100);

/// Asks `probe` again and again until it gives `Ok`, and returns what it gave. After
/// [`PATIENCE`] it panics naming `what` was awaited and the last `Err` seen, so a failed
/// wait says what the window showed instead.
pub async fn eventually<T, E: Debug>(what: &str, probe: impl AsyncFnMut() -> Result<T, E>) -> T {
    eventually_within(what, PATIENCE, probe).await
}

/// [`eventually`] with a patience of its own, for what takes longer (a budget running out)
/// or must happen sooner.
pub async fn eventually_within<T, E: Debug>(what: &str, within: Duration, probe: impl AsyncFnMut() -> Result<T, E>) -> T {
    poll(within, probe).await.unwrap_or_else(|last| panic!("waited {within:?} for {what}; last seen: {last:?}"))
}

/// `Ok` once `probe` gives it, or the last `Err` when `within` has passed.
async fn poll<T, E>(within: Duration, mut probe: impl AsyncFnMut() -> Result<T, E>) -> Result<T, E> {
    let deadline = Instant::now() + within;
    loop {
        match probe().await {
            Ok(done) => return Ok(done),
            Err(last) if Instant::now() >= deadline => return Err(last),
            Err(_) => tokio::time::sleep(EVERY).await,
        }
    }
}

/// The same loop for the few waits outside async code: starting the desktop (also used by
/// the benchmarks, which have no runtime) and stopping a process in `Drop`.
pub(crate) fn poll_blocking<T, E>(within: Duration, mut probe: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let deadline = Instant::now() + within;
    loop {
        match probe() {
            Ok(done) => return Ok(done),
            Err(last) if Instant::now() >= deadline => return Err(last),
            Err(_) => std::thread::sleep(EVERY),
        }
    }
}

/// [`poll_blocking`] that panics like [`eventually`].
pub(crate) fn eventually_blocking<T, E: Debug>(what: &str, probe: impl FnMut() -> Result<T, E>) -> T {
    poll_blocking(PATIENCE, probe).unwrap_or_else(|last| panic!("waited {PATIENCE:?} for {what}; last seen: {last:?}"))
}

/// `Ok(())` when `done`, else `Err(last)`: for probes that check a condition.
pub fn ok_if<L>(done: bool, last: L) -> Result<(), L> {
    if done {
        Ok(())
    } else {
        Err(last)
    }
}
