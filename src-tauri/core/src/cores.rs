//! Work on every core: unlock, search and the format upgrade each map many entries at once,
//! and a person waits for all of them.

/// How many threads work at once: one per core, up to eight.
pub(crate) fn count() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8)
}

/// A thread's result, or its panic carried on here: nothing it held is dropped quietly.
pub(crate) fn joined<T>(r: std::thread::Result<T>) -> T {
    r.unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// `f` of every item, in order, computed in chunks of at least `min_chunk` on up to eight
/// threads. A thread that panics carries its panic on here: no result is dropped quietly.
pub(crate) fn map_on_every_core<T: Sync, R: Send>(items: &[T], min_chunk: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(count()).max(min_chunk).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> =
            items.chunks(chunk).map(|c| scope.spawn(move || c.iter().map(f).collect::<Vec<R>>())).collect();
        handles.into_iter().flat_map(|h| joined(h.join())).collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_item_in_order() {
        let items: Vec<u32> = (0..5000).collect();
        let doubled = super::map_on_every_core(&items, 256, |i| i * 2);
        assert_eq!(doubled, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert!(super::map_on_every_core(&[] as &[u32], 256, |i| *i).is_empty());
    }
}
