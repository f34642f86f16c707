//! The floor `proc lint` is measured against (`bench/lint.sh`): read every process file in a folder and run the
//! YAML parser over it, events only, files in parallel, exactly as `proc` configures the parser, and nothing else:
//! no tree, no checks, no output but a count. What `proc lint` takes beyond this is the cost of its own work.
//!
//!   cargo build --release --example bare_parse && target/release/examples/bare_parse DIR

use std::path::PathBuf;
use std::process::ExitCode;

use rayon::prelude::*;

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bare_parse FOLDER   (parses every .yaml/.yml file in FOLDER)");
        return ExitCode::from(2);
    };
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) => {
            eprintln!("cannot read {}: {error}", folder.display());
            return ExitCode::from(2);
        }
    };
    let files: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "yml")
        })
        .collect();
    let (events, failed) = files
        .par_iter()
        .map(|path| parse(path))
        .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    println!(
        "{} files, {events} events, {failed} not parsed",
        files.len()
    );
    ExitCode::SUCCESS
}

/// (events, 1 when the file could not be read or parsed).
fn parse(path: &std::path::Path) -> (usize, usize) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return (0, 1);
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    // The options of `proc`'s own parse (src/load/parse.rs), so both do the same parsing work.
    let mut options = granit_parser::Options::default();
    options.block_nesting_limit = 64;
    options.flow_nesting_limit = 64;
    options.emit_comments = true;
    options.emit_anchor_events = true;
    options.max_buffered_comment_events = usize::MAX;
    let mut parser = granit_parser::Parser::new_from_str_with_options(text, options);
    let mut events = 0;
    while let Some(event) = parser.next_event() {
        if event.is_err() {
            return (events, 1);
        }
        events += 1;
    }
    (events, 0)
}
