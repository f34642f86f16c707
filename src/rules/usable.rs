//! The safety net under every other rule: a file that lints clean can be read by every other command.
//!
//! `due`, `review`, `render` and `list` read a process through the typed [`crate::model::Process`]. The rules
//! explain problems far better than the model's error can, so the model is asked only when no other error is left
//! after suppressions and `proc.toml`: then a file the model refuses is reported here, and `proc lint` never passes
//! a file that the other commands refuse.

pub use crate::rules::registry::UNUSABLE_PROCESS;
