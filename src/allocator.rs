//! The binary's global allocator: mimalloc (v2), called directly.
//!
//! The `mimalloc` crate's allocator asks `mi_malloc_aligned` for every
//! allocation, which checks the alignment and looks for a suitably aligned
//! free block before taking the ordinary path. Almost every Rust allocation
//! needs no more than mimalloc's natural alignment, so this one calls plain
//! `mi_malloc` / `mi_zalloc` / `mi_realloc` then, and the aligned functions
//! only for the rare larger alignment: a 10,000-note render spent 3.6 % of its
//! instructions in the aligned path (docs/performance.md).

use core::alloc::{GlobalAlloc, Layout};
use core::ffi::c_void;
use libmimalloc_sys as mi;

/// The alignment every `mi_malloc` block of at least this many bytes has
/// (mimalloc's `MI_MAX_ALIGN_SIZE`, `sizeof(max_align_t)` on the 64-bit
/// targets kaynak builds for). A smaller block is aligned to its size
/// rounded to a machine word, no less.
const NATURAL: usize = 16;

/// mimalloc as the global allocator.
pub struct MiMalloc;

/// True when a plain `mi_malloc(size)` block is aligned enough for `align`:
/// the same rule as std's `System` allocator uses over `malloc`. mimalloc
/// rounds a small size up to whole pairs of machine words and starts its
/// pages on a 16-byte boundary, so a block of `size >= align` bytes is
/// aligned to `align` whenever `align <= 16`.
#[inline]
fn natural(align: usize, size: usize) -> bool {
    align <= NATURAL && align <= size
}

// SAFETY (the `GlobalAlloc` contract): every pointer returned comes from
// mimalloc, is null on failure, and is aligned to `layout.align()` — by
// `natural` for the plain functions, by mimalloc itself for the aligned ones.
// `mi_free` frees blocks of both kinds. `realloc` keeps the contents up to
// the smaller size (mimalloc copies them) and, like `alloc`, takes the plain
// path only when the new size keeps the block naturally aligned; a block
// mimalloc keeps in place on shrinking was aligned when allocated.
unsafe impl GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain C calls; mimalloc accepts any size and a power-of-two alignment.
        unsafe {
            if natural(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as in `alloc`.
        unsafe {
            if natural(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from mimalloc.
        unsafe { mi::mi_free(ptr.cast::<c_void>()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`; see `alloc`.
        unsafe {
            if natural(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast::<c_void>(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast::<c_void>(), new_size, layout.align()).cast()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every size and alignment a program might ask for comes back aligned,
    /// written and read whole, grown and shrunk with its contents.
    #[test]
    fn blocks_are_aligned_and_keep_their_contents() {
        let allocator = MiMalloc;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 40, 100, 1000, 70_000] {
                let Ok(layout) = Layout::from_size_align(size, align) else {
                    continue;
                };
                // SAFETY: a non-zero size, and each block is used within its
                // size and freed once, with its layout.
                unsafe {
                    let zeroed = allocator.alloc_zeroed(layout);
                    assert!(!zeroed.is_null() && (zeroed as usize).is_multiple_of(align));
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    allocator.dealloc(zeroed, layout);
                    let block = allocator.alloc(layout);
                    assert!(!block.is_null() && (block as usize).is_multiple_of(align));
                    for i in 0..size {
                        *block.add(i) = i as u8;
                    }
                    // grown, then shrunk below the first size
                    let mut at = (block, layout);
                    for new_size in [size * 3, size / 2 + 1] {
                        let moved = allocator.realloc(at.0, at.1, new_size);
                        assert!(!moved.is_null() && (moved as usize).is_multiple_of(align));
                        let kept = size.min(new_size);
                        assert!((0..kept).all(|i| *moved.add(i) == i as u8));
                        at = (moved, Layout::from_size_align(new_size, align).unwrap());
                    }
                    allocator.dealloc(at.0, at.1);
                }
            }
        }
    }
}
