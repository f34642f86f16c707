//! The safety net under every other rule: a file that lints clean can be read by every other command.
//!
//! `due`, `review`, `render` and `list` read a process through the typed [`crate::model::Process`]. The rules
//! explain problems far better than the model's error can, so the model is asked only when no other error is left
//! after suppressions and `proc.toml`: then a file the model refuses is reported here, and `proc lint` never passes
//! a file that the other commands refuse.

use crate::finding::{Rule, declare_rule};

declare_rule! {
    /// The other `proc` commands cannot read this file as a process, although no other rule reports an error.
    ///
    /// This happens when `proc.toml` turns a rule off or makes it a warning (for example `invalid-date`) and the
    /// file breaks that rule: `proc due`, `review`, `render` and `list` would then leave the file out. The message
    /// says what could not be read; fix that value. If no setting explains it, it is a bug in `proc`: please
    /// report it with the file.
    pub const UNUSABLE_PROCESS = ("P206", "unusable-process", Error, unsuppressible);
}

pub const RULES: &[&Rule] = &[&UNUSABLE_PROCESS];
