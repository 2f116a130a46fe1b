//! Per-item work split over threads. Rendering one item never reads another
//! item's output, so the passes that render every item once (disambiguation
//! keys, sort keys, bibliography entries, notes) split the items into one
//! contiguous chunk per thread. Results and warnings come back in item
//! order, so the output is the same whatever the thread count.

use crate::diagnostic::Warning;

/// Below this many items a run stays on the calling thread: starting
/// threads costs more than it saves (and the test suite's fixtures are small).
pub const MIN_ITEMS: usize = 256;

/// The stack of each worker thread: room to spare at the deepest nesting a
/// style may have (`style::analysis::MAX_DEPTH`), whatever `RUST_MIN_STACK`
/// says. Only the pages used are ever committed.
const WORKER_STACK: usize = 16 << 20;

/// The number of threads a processor uses unless told otherwise.
pub fn default_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// `work` applied to every element of `inputs`, in order, on up to `threads`
/// threads. Each call gets a warning sink; the sinks are joined in input order.
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
    let size = inputs.len().div_ceil(threads);
    let mut chunks = inputs.chunks(size);
    let first = chunks.next().unwrap_or(&[]);
    let parts = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .map(|chunk| {
                let thread = std::thread::Builder::new()
                    .stack_size(WORKER_STACK)
                    .spawn_scoped(scope, move || run_chunk(chunk));
                (chunk, thread)
            })
            .collect();
        // the calling thread takes the first chunk instead of waiting idle
        let mut parts = vec![run_chunk(first)];
        for (chunk, thread) in handles {
            match thread {
                Ok(thread) => match thread.join() {
                    Ok(part) => parts.push(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                },
                // no thread to be had: the chunk runs here
                Err(_) => parts.push(run_chunk(chunk)),
            }
        }
        parts
    });
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
