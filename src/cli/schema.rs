//! `proc schema`.

use super::{Error, ExitStatus};

/// Print the JSON Schema of a process file (the one in schemas/process.schema.json).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  proc schema > schemas/process.schema.json")]
pub struct SchemaArgs {}

pub fn run(_: SchemaArgs) -> Result<ExitStatus, Error> {
    super::print(&crate::schema::schema_text())?;
    Ok(ExitStatus::Success)
}
