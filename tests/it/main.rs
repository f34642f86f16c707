//! The integration tests: the real `proc` binary run on fixture files, one module per command or concern.
//!
//! They are one test binary, not one per file: each binary links the whole library, Typst included, so sixteen of
//! them cost minutes of linking and gigabytes of `target/` for nothing.

#[macro_use]
mod common;

mod approve;
mod bad_input;
mod base;
mod cli;
mod commands;
mod due;
mod due_email;
mod examples;
mod fix;
mod fmt;
mod formats;
mod fuzz;
mod fuzz_findings;
mod history;
mod import;
mod lint_rules;
mod lsp;
mod model_mistakes;
mod new;
#[cfg(feature = "pdf")]
mod pdf;
mod regressions;
mod render;
mod review;
mod rules_docs;
mod schema;
mod serve;
mod structure;
mod suppress;
mod yaml_mistakes;
