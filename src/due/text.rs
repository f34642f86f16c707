//! Text for people and cron mail: grouped by owner, overdue first. Nothing at all when nothing is due, so cron
//! sends mail only when there is something to do.

use std::io::{self, Write};

use super::{DueItem, describe};

pub fn write(items: &[&DueItem], out: &mut dyn Write) -> io::Result<()> {
    let mut owners: Vec<&str> = items.iter().map(|item| item.owner.as_str()).collect();
    owners.sort_by_key(|owner| owner.to_lowercase());
    owners.dedup();
    for (index, owner) in owners.iter().enumerate() {
        if index > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{owner}")?;
        for item in items.iter().filter(|item| item.owner == *owner) {
            writeln!(out, "  {}: {}", describe(item.status), item.name)?;
            match item.status.due() {
                Some(due) => writeln!(
                    out,
                    "    due {due}, last review {}, {}",
                    item.last_review, item.file
                )?,
                None => writeln!(out, "    last review {}, {}", item.last_review, item.file)?,
            }
        }
    }
    Ok(())
}
