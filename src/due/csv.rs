//! CSV (RFC 4180) for spreadsheets.

use std::io::{self, Write};

use super::DueItem;

pub(crate) fn field(text: &str) -> String {
    // A leading =, +, - or @ makes spreadsheets evaluate the cell as a formula.
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

pub fn write(items: &[&DueItem], out: &mut dyn Write) -> io::Result<()> {
    write!(out, "id,name,owner,status,due,days,last_review,file\r\n")?;
    for item in items {
        let days = match item.status {
            crate::review::ReviewStatus::Overdue { days_overdue, .. } => {
                (-days_overdue).to_string()
            }
            crate::review::ReviewStatus::Upcoming { days_left, .. } => days_left.to_string(),
            _ => String::new(),
        };
        let due = item
            .status
            .due()
            .map(|due| due.to_string())
            .unwrap_or_default();
        write!(
            out,
            "{},{},{},{},{due},{days},{},{}\r\n",
            field(&item.id),
            field(&item.name),
            field(&item.owner),
            item.status.name(),
            item.last_review,
            field(&item.file)
        )?;
    }
    Ok(())
}
