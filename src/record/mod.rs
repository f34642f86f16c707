//! `proc review`: recording a review in a process file, as one library call ([`record_review`]) that finds the
//! file, refuses what cannot be recorded, edits the text ([`edit`]), checks the result and writes it.
//!
//! The file must lint clean before and after: a review recorded in a file with errors would vouch for a process
//! nobody can read, and an edit that broke the file would lose the coordinator's work.

use std::fmt;
use std::path::PathBuf;

use jiff::civil::Date;

use crate::config::Config;
use crate::lint::LintOptions;
use crate::model::Version;

mod approve;
mod edit;
mod target;

pub use approve::{NewApproval, approvable, approve};
pub use edit::{Bump, NewReview, Refusal, admissible, bumped, record};

/// What `proc review` was asked to record.
#[derive(Debug, Clone)]
pub struct ReviewRequest {
    /// The process: its id, or the path of its file.
    pub process: String,
    pub review: NewReview,
}

/// A review that was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub path: PathBuf,
    pub date: Date,
    /// The version before and after, when the review changed it.
    pub version: Option<(Version, Version)>,
    /// When the next review falls due under the process's review cycle.
    pub next_due: Option<Date>,
}

/// What is recorded, in the words of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Review,
    Approval,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Review => "review",
            Kind::Approval => "approval",
        }
    }

    /// The options whose text goes into the file.
    fn options(self) -> &'static str {
        match self {
            Kind::Review => "--by or --note",
            Kind::Approval => "--by",
        }
    }
}

/// Why nothing was recorded. The file is unchanged in every case.
#[derive(Debug)]
pub enum RecordError {
    /// Nothing to record from what was given: no process found (with what to give instead), or no one named.
    Target(String),
    /// The file has lint errors.
    NotClean(PathBuf, Kind),
    /// The review itself cannot be recorded (no one made it, a day that has not come…).
    Refused(PathBuf, String),
    /// With the record the file would not lint clean: the findings, as "line N: message [rule]".
    WouldNotLint(PathBuf, Kind, Vec<String>),
    /// The edited text could not be read back: a bug in proc.
    ReadBack(PathBuf),
    Write(PathBuf, std::io::Error),
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordError::Target(message) => f.write_str(message),
            RecordError::NotClean(path, kind) => write!(
                f,
                "{} does not lint clean, so no {} was recorded; fix what `proc lint {}` shows first",
                path.display(),
                kind.noun(),
                path.display()
            ),
            RecordError::Refused(path, reason) => write!(f, "{}: {reason}", path.display()),
            RecordError::WouldNotLint(path, kind, reasons) => write!(
                f,
                "{}: the {} was not recorded, because with it the file would not lint clean:\n  {}\n\
                 Change what {} says; the file is unchanged.",
                path.display(),
                kind.noun(),
                reasons.join("\n  "),
                kind.options()
            ),
            RecordError::ReadBack(path) => write!(
                f,
                "{}: the edited file could not be read back, so it was left unchanged (this is a bug in proc: \
                 please report it)",
                path.display()
            ),
            RecordError::Write(path, error) => write!(
                f,
                "cannot write {}: {error}; the file is unchanged",
                path.display()
            ),
        }
    }
}

impl std::error::Error for RecordError {}

/// Records a review: finds the process, checks that its file lints clean (with the whole processes folder when
/// the file is in it, so that problems across files count too), edits the text, checks the edited text as
/// `proc lint` would, and replaces the file atomically.
pub fn record_review(
    request: &ReviewRequest,
    config: &Config,
    today: Date,
) -> Result<Recorded, RecordError> {
    let review = &request.review;
    // Before anything is read: a review nobody made is refused whatever the file holds.
    if review.by.trim().is_empty() {
        return Err(RecordError::Target(
            "--by must name who made the review".to_owned(),
        ));
    }
    let edited = edit_file(&request.process, config, today, Kind::Review, |target| {
        admissible(&target.process, review, today)?;
        record(&target.source, &target.root, &target.process, review)
    })?;
    Ok(edited.recorded(review.date, today))
}

/// What `proc approve` was asked to record.
#[derive(Debug, Clone)]
pub struct ApprovalRequest {
    /// The process: its id, or the path of its file.
    pub process: String,
    pub approval: NewApproval,
}

/// Records the approval of a draft, as [`record_review`] records a review.
pub fn record_approval(
    request: &ApprovalRequest,
    config: &Config,
    today: Date,
) -> Result<Recorded, RecordError> {
    let approval = &request.approval;
    if approval.by.trim().is_empty() {
        return Err(RecordError::Target(
            "--by must name who approved the process".to_owned(),
        ));
    }
    let edited = edit_file(&request.process, config, today, Kind::Approval, |target| {
        approvable(&target.process, approval, today)?;
        approve(&target.source, &target.root, &target.process, approval)
    })?;
    Ok(edited.recorded(approval.date, today))
}

/// A file edited and written, with the process before and after.
struct Edited {
    path: PathBuf,
    before: crate::model::Process,
    after: crate::model::Process,
}

impl Edited {
    fn recorded(self, date: Date, today: Date) -> Recorded {
        let version = (self.after.version != self.before.version)
            .then(|| (self.before.version.clone(), self.after.version.clone()));
        Recorded {
            next_due: crate::review_status::status(&self.after, today, 0).due(),
            path: self.path,
            date,
            version,
        }
    }
}

/// Finds the process, checks that its file lints clean (with the whole processes folder when the file is in it,
/// so that problems across files count too), makes the edit, checks the edited text as `proc lint` would, and
/// replaces the file atomically.
fn edit_file(
    process: &str,
    config: &Config,
    today: Date,
    kind: Kind,
    edit: impl FnOnce(&crate::processes::LoadedProcess) -> Result<String, Refusal>,
) -> Result<Edited, RecordError> {
    let (path, checked) = target::find(process, config).map_err(RecordError::Target)?;
    let options = LintOptions {
        config: config.clone(),
        today,
    };
    let loaded = crate::processes::load(&checked, &options);
    let Some(target) = loaded
        .processes
        .into_iter()
        .find(|loaded| loaded.source.path() == path.as_path())
    else {
        return Err(RecordError::NotClean(path, kind));
    };
    let text =
        edit(&target).map_err(|Refusal(reason)| RecordError::Refused(path.clone(), reason))?;
    // The edited text must be as sound as the original. What can break it is what the user gave (a note with an
    // unsafe link, say): those findings are the reason, in the rules' own words.
    let after = match crate::processes::check_text(&path, text.clone(), &options) {
        Ok(after) => after,
        Err(errors) if !errors.is_empty() => {
            let reasons = errors
                .iter()
                .map(|finding| {
                    let line = finding.line_column().line;
                    format!("line {line}: {} [{}]", finding.message, finding.rule.name)
                })
                .collect();
            return Err(RecordError::WouldNotLint(path, kind, reasons));
        }
        Err(_) => return Err(RecordError::ReadBack(path)),
    };
    if let Err(error) = crate::write::write_atomically(&path, &text, || Ok(())) {
        return Err(RecordError::Write(path, error));
    }
    Ok(Edited {
        path,
        before: target.process,
        after,
    })
}
