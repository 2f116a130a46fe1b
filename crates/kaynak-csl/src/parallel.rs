//! Per-item work split over threads. Rendering one item never reads another
//! item's output, so the passes that render every item once (disambiguation
//! keys, sort keys, bibliography entries, notes) split the items into one
//! contiguous chunk per thread. Results and warnings come back in item
//! order, so the output is the same whatever the thread count. The worker
//! threads are made once, on first use, and kept for the process (rayon's
//! pool, with a stack for the deepest style), so a pass starts on warm
//! threads: their allocator heaps and the per-thread text-case memo.

use crate::diagnostic::Warning;

/// Below this many items a run stays on the calling thread: starting
/// threads costs more than it saves (and the test suite's fixtures are small).
pub const MIN_ITEMS: usize = 256;

/// The stack of each worker thread: room to spare at the deepest nesting a
/// style may have (`style::analysis::MAX_DEPTH`), whatever `RUST_MIN_STACK`
/// says. Only the pages used are ever committed.
const WORKER_STACK: usize = 16 << 20;

/// The worker threads, made once and kept: a thread made for each pass
/// started with a cold cache and allocator every time. `None` when no
/// thread can be made.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(default_threads().saturating_sub(1).max(1))
            .stack_size(WORKER_STACK)
            .thread_name(|i| format!("kaynak-csl-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// The number of threads a processor uses unless told otherwise.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// `work` applied to every element of `inputs`, in order, on up to `threads`
/// threads (and no more than the pool's workers and the calling thread: the
/// cores, at most 8). Each call gets a warning sink; the sinks are joined in
/// input order.
pub fn map<T, R, F>(threads: usize, inputs: &[T], work: F) -> (Vec<R>, Vec<Warning>)
where
    T: Sync,
    R: Send,
    F: Fn(&T, &mut Vec<Warning>) -> R + Sync,
{
    let run_chunk = |chunk: &[T]| {
        let mut warnings = Vec::new();
        let out: Vec<R> = chunk.iter().map(|x| work(x, &mut warnings)).collect();
        (out, warnings)
    };
    if threads <= 1 || inputs.len() < MIN_ITEMS {
        return run_chunk(inputs);
    }
    let Some(pool) = pool() else {
        // no pool to be had: every chunk runs here
        return run_chunk(inputs);
    };
    // one chunk per thread that can run: the pool's workers and this one
    // (a chunk more would only wait for a worker)
    let threads = threads.min(pool.current_num_threads() + 1);
    let size = inputs.len().div_ceil(threads);
    let chunks: Vec<&[T]> = inputs.chunks(size).collect();
    let mut parts: Vec<Option<(Vec<R>, Vec<Warning>)>> = (0..chunks.len()).map(|_| None).collect();
    pool.in_place_scope(|scope| {
        let (first, rest) = parts.split_at_mut(1);
        for (slot, chunk) in rest.iter_mut().zip(&chunks[1..]) {
            let run_chunk = &run_chunk;
            scope.spawn(move |_| *slot = Some(run_chunk(chunk)));
        }
        // the calling thread takes the first chunk instead of waiting idle
        first[0] = Some(run_chunk(chunks[0]));
    });
    let parts = parts.into_iter().flatten();
    let mut out = Vec::with_capacity(inputs.len());
    let mut warnings = Vec::new();
    for (part, part_warnings) in parts {
        out.extend(part);
        warnings.extend(part_warnings);
    }
    (out, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_and_warn(x: &usize, warnings: &mut Vec<Warning>) -> usize {
        if x.is_multiple_of(100) {
            warnings.push(Warning {
                item: Some(x.to_string()),
                message: String::new(),
                note: false,
            });
        }
        x * x
    }

    #[test]
    fn results_and_warnings_keep_input_order_on_any_thread_count() {
        let inputs: Vec<usize> = (0..1000).collect();
        let (one, one_warnings) = map(1, &inputs, square_and_warn);
        for threads in [2, 3, 7] {
            let (many, many_warnings) = map(threads, &inputs, square_and_warn);
            assert_eq!(many, one);
            let ids = |w: &[Warning]| w.iter().map(|w| w.item.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&many_warnings), ids(&one_warnings));
        }
        assert_eq!(one[999], 999 * 999);
        assert_eq!(one_warnings.len(), 10);
    }

    #[test]
    fn small_and_empty_inputs_work() {
        let (out, warnings) = map(4, &[] as &[usize], square_and_warn);
        assert!(out.is_empty() && warnings.is_empty());
        let (out, _) = map(4, &[3usize], square_and_warn);
        assert_eq!(out, vec![9]);
    }
}
