//! The version history of a page, in the words of its language: shared by the HTML page and the PDF.

use crate::diff::Change;
use crate::history::{Event, Row};
use crate::model::{Language, Process};

use super::PageOptions;
use super::labels::Labels;

/// The most changes listed for one version: a version that rewrote the process is not a page of its own.
const MOST_CHANGES: usize = 10;

/// One row as the reader sees it.
pub(crate) struct ShownRow {
    pub version: String,
    pub date: String,
    pub who: String,
    /// What happened, when it is said in words ("Godkänd", "Granskad: …"); empty for a version whose changes say it.
    pub summary: String,
    pub changes: Vec<Change>,
    /// How many changes were left out of [`ShownRow::changes`], said as "and N more changes".
    pub more: Option<String>,
}

/// The rows of the version history of `process`, oldest first. Empty when there is nothing to show (a draft not
/// yet committed, without records).
pub(crate) fn rows(
    process: &Process,
    options: &PageOptions,
    language: Language,
    words: &Labels,
) -> Vec<ShownRow> {
    let history = options.history.get(&process.id);
    crate::history::rows(process, history, language)
        .into_iter()
        .map(|row| shown(row, language, words))
        .collect()
}

fn shown(row: Row, language: Language, words: &Labels) -> ShownRow {
    let (summary, mut changes) = match row.event {
        Event::FirstVersion => (words.first_version.to_owned(), Vec::new()),
        Event::OldestKnown => (words.earlier_unknown.to_owned(), Vec::new()),
        Event::Updated(changes) if changes.is_empty() => (words.updated.to_owned(), changes),
        Event::Updated(changes) | Event::Changed(changes) => (String::new(), changes),
        Event::Approved(changes) => (words.approved.to_owned(), changes),
        Event::Reviewed { note } => (
            match note {
                Some(note) => format!("{}: {note}", words.status_ok),
                None => words.status_ok.to_owned(),
            },
            Vec::new(),
        ),
        Event::Retired => (words.retired_short.to_owned(), Vec::new()),
    };
    let more = (changes.len() > MOST_CHANGES).then(|| {
        let left = changes.len() - MOST_CHANGES;
        match language {
            Language::Sv => format!("och {left} ändringar till"),
            Language::Fi => format!("ja {left} muuta muutosta"),
            Language::En => format!("and {left} more changes"),
        }
    });
    changes.truncate(MOST_CHANGES);
    ShownRow {
        version: row.version.unwrap_or_default(),
        date: row.date.map(|date| date.to_string()).unwrap_or_default(),
        who: row.who,
        summary,
        changes,
        more,
    }
}
