//! `proc`: write, check and publish process descriptions kept as YAML files.
//!
//! Data flows one way: files are [`load`]ed into node trees with source spans, the [`rules`] turn them into
//! [`finding::Finding`]s, and a [`report`]er prints those. The typed [`model::Process`] is built from a tree that
//! checked clean.

pub mod cli;
pub mod config;
pub mod csv;
pub mod diff;
pub mod due;
pub mod finding;
pub mod fix;
pub mod format;
pub(crate) mod git;
pub mod history;
pub mod import;
pub mod internal;
pub mod lint;
pub mod list;
pub mod load;
pub mod lsp;
pub mod model;
pub mod processes;
pub mod record;
pub mod render;
pub mod report;
pub mod review_status;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod source;
pub mod suppress;
pub mod template;
pub mod walk;
pub mod write;
pub mod yaml_text;
