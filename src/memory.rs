//! The allocator, and giving memory the build has let go of back to the system.
//!
//! jemalloc, wherever it builds (not with Microsoft's toolchain, where the system's allocator
//! is used). A build allocates and frees millions of small values (template values, strings)
//! from several threads at once; measured on a 10,000-story build, jemalloc took the wall
//! time from 1.66 to 1.40 s and the CPU from 2.87 to 2.50 s, against glibc's allocator. It
//! is declared here, in the library, so that the tests and benchmarks run with the allocator
//! `chorus` runs with.
//!
//! jemalloc keeps freed pages for a while (ten seconds) before handing them back, to reuse
//! them. The text a build lets go of after checking (58 MB at 10,000 stories) is not reused:
//! the pages are smaller. `give_back_freed` purges it at once, so that it does not add to
//! the peak while the pages are made.

#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// Hands memory freed so far back to the system, where the allocator keeps it otherwise.
pub fn give_back_freed() {
    #[cfg(not(target_env = "msvc"))]
    {
        // Every arena: `MALLCTL_ARENAS_ALL` is 4096 in jemalloc 5.
        const PURGE_EVERY_ARENA: &[u8] = b"arena.4096.purge\0";
        // SAFETY: the name is a NUL-terminated string, and "arena.<i>.purge" reads and
        // writes nothing (every pointer null, length 0). It only hands back pages of the
        // allocator's own that no live value points into. A failure is only a missed chance
        // to lower the peak, so its result is not needed.
        unsafe {
            tikv_jemalloc_sys::mallctl(
                PURGE_EVERY_ARENA.as_ptr().cast(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                0,
            );
        }
    }
}
