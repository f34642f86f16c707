//! Markdown for a pull-request comment or an issue body.

use std::io::{self, Write};

use super::{DueItem, DueOptions, describe};

/// Table cells cannot hold `|` or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

pub fn write(items: &[&DueItem], options: &DueOptions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### Process reviews due ({})", options.today)?;
    writeln!(out)?;
    if items.is_empty() {
        writeln!(out, "Nothing is due within {} days.", options.within_days)?;
        return Ok(());
    }
    writeln!(
        out,
        "| Status | Process | Owner | Due | Last review | File |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- | --- |")?;
    for item in items {
        let due = item
            .status
            .due()
            .map(|due| due.to_string())
            .unwrap_or_default();
        writeln!(
            out,
            "| {} | {} | {} | {due} | {} | `{}` |",
            describe(item.status),
            cell(&item.name),
            cell(&item.owner),
            item.last_review,
            cell(&item.file).replace('`', "")
        )?;
    }
    Ok(())
}
