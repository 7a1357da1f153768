//! Work spread over the cores with its results taken in the order it was given: a
//! reader parses parts side by side and still builds its read as one pass would, so
//! parties, threads and messages come out the same on one core or eight.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Mutex};

/// At most this many workers: a reader's merge on this thread keeps up with about that.
const MAX_WORKERS: usize = 4;

/// Runs `work` on each of `items` on worker threads and hands the results to `take` in
/// the items' order. Items are drawn (on this thread, so they may read an archive that
/// is not `Sync`) only a few ahead of what has been taken: a large archive is never in
/// memory all at once. A panic in `work` is raised here once the workers have stopped.
pub(super) fn in_order<I: Send, R: Send>(items: impl Iterator<Item = I>, work: impl Fn(I) -> R + Sync, mut take: impl FnMut(R)) {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_WORKERS);
    if workers < 2 {
        items.for_each(|item| take(work(item)));
        return;
    }
    let ahead = workers * 2;
    let (jobs, queue) = mpsc::channel::<(usize, I)>();
    let (done, results) = mpsc::channel::<(usize, std::thread::Result<R>)>();
    let queue = Mutex::new(queue);
    let panicked = std::thread::scope(|scope| {
        // Owned here, so leaving the scope's closure ends the workers' queue.
        let jobs = jobs;
        for _ in 0..workers {
            let (queue, done, work) = (&queue, done.clone(), &work);
            scope.spawn(move || loop {
                let Ok(Ok((n, item))) = queue.lock().map(|q| q.recv()) else { break };
                if done.send((n, catch_unwind(AssertUnwindSafe(|| work(item))))).is_err() {
                    break;
                }
            });
        }
        drop(done);
        let mut items = items.enumerate();
        let (mut sent, mut next) = (0, 0);
        let mut pending = BTreeMap::new();
        loop {
            while sent < next + ahead {
                let Some(job) = items.next() else { break };
                if jobs.send(job).is_err() {
                    break;
                }
                sent += 1;
            }
            if next == sent {
                return None;
            }
            while !pending.contains_key(&next) {
                let Ok((n, result)) = results.recv() else { return None };
                pending.insert(n, result);
            }
            match pending.remove(&next) {
                Some(Ok(result)) => take(result),
                Some(Err(panic)) => return Some(panic),
                None => return None,
            }
            next += 1;
        }
    });
    if let Some(panic) = panicked {
        resume_unwind(panic);
    }
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn results_are_taken_in_the_order_of_the_items_whatever_order_the_workers_finish_in() {
        let mut taken = Vec::new();
        // Early items take longest, so a worker finishes later ones first.
        in_order(
            0..40u64,
            |n| {
                std::thread::sleep(std::time::Duration::from_millis(40 - n));
                n * n
            },
            |r| taken.push(r),
        );
        assert_eq!(taken, (0..40u64).map(|n| n * n).collect::<Vec<_>>());
    }

    #[test]
    fn items_are_drawn_only_a_few_ahead_of_what_has_been_taken() {
        let drawn = std::cell::Cell::new(0usize);
        let mut most_ahead = 0;
        let mut taken = 0;
        in_order(
            (0..200).inspect(|_| drawn.set(drawn.get() + 1)),
            |n: i32| n,
            |_| {
                taken += 1;
                most_ahead = most_ahead.max(drawn.get() - taken);
            },
        );
        assert_eq!(taken, 200);
        assert!(most_ahead <= 2 * super::MAX_WORKERS, "drew {most_ahead} items ahead of the merge");
    }

    #[test]
    fn a_panic_in_the_work_reaches_the_caller_and_stops_the_workers() {
        let caught = std::panic::catch_unwind(|| in_order(0..100, |n: i32| assert!(n != 7, "item seven"), |_| {}));
        assert!(caught.is_err());
    }

    #[test]
    fn no_items_take_nothing() {
        let mut taken = 0;
        in_order(std::iter::empty::<u8>(), |n| n, |_| taken += 1);
        assert_eq!(taken, 0);
    }
}
