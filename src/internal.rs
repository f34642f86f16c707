//! Containing bugs in `proc` itself: a panic while working on one file becomes a finding or an error message about
//! that file, and the run goes on with the others.
//!
//! A linter that crashes on one odd file in a repository of thousands tells CI nothing about the rest, and a crash
//! message ("thread panicked at …") tells a coordinator nothing at all. Work on each file runs inside [`contain`];
//! while it does, the panic hook records the message instead of printing it, so the file's report can say what
//! happened. Panics outside contained work are printed as usual.

use std::cell::{Cell, RefCell};
use std::panic::{AssertUnwindSafe, PanicHookInfo};
use std::sync::Once;

pub use crate::rules::registry::INTERNAL_ERROR;

thread_local! {
    /// How many [`contain`] calls are running on this thread.
    static CONTAINED: Cell<usize> = const { Cell::new(0) };
    /// The message of the last panic inside contained work on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info: &PanicHookInfo<'_>| {
            if CONTAINED.with(Cell::get) > 0 {
                let message = describe(info);
                LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
            } else {
                previous(info);
            }
        }));
    });
}

fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    match info.location() {
        Some(location) => format!("{message} (at {}:{})", location.file(), location.line()),
        None => message,
    }
}

/// Runs `work`; a panic inside it is returned as its message instead of unwinding further.
///
/// Whatever `work` was building is dropped, so it cannot be seen half-made: callers use the `Err` to report the
/// file as not processed.
pub fn contain<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    CONTAINED.with(|count| count.set(count.get() + 1));
    let result = std::panic::catch_unwind(AssertUnwindSafe(work));
    CONTAINED.with(|count| count.set(count.get().saturating_sub(1)));
    result.map_err(|_| {
        LAST_PANIC
            .with(|last| last.borrow_mut().take())
            .unwrap_or_else(|| "no message".to_owned())
    })
}

/// The sentence users see for a contained panic.
pub fn bug_report(message: &str) -> String {
    format!(
        "proc failed while working on this file; this is a bug in proc, not in the file ({message}): please report \
         it with the file"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_next_work_runs_normally() {
        let failed: Result<(), String> = contain(|| panic!("broken on purpose"));
        let message = failed.err().unwrap_or_default();
        assert!(message.contains("broken on purpose"), "{message}");
        assert!(message.contains("internal.rs"), "{message}");
        assert_eq!(contain(|| 2 + 2), Ok(4));
        let nested = contain(|| contain(|| -> u8 { panic!("inner") }).is_err());
        assert_eq!(nested, Ok(true));
    }
}
