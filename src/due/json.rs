//! JSON for other tools.

use std::io::{self, Write};

use serde::Serialize;

use super::{DueItem, DueOptions};

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    today: jiff::civil::Date,
    within_days: i32,
    processes: &'a [&'a DueItem],
}

pub fn write(items: &[&DueItem], options: &DueOptions, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        version: 1,
        today: options.today,
        within_days: options.within_days,
        processes: items,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
