//! The version history of a process, as its page shows it: a row for each version (when it was made, by whom, and
//! what changed in it) and for each record of the document's control (approval, reviews, retirement).
//!
//! Two sources, both deterministic: the file's own records, and, when the file is in a git repository, its earlier
//! committed states. From git, a version is the last state of the file while `version` had one value; what changed
//! in it is [`crate::diff::changes_in`] from the last state of the version before. The file's own records win over
//! git's dates and authors: an `updated` record made in a version dates that version, since git only knows when the
//! change was committed.
//!
//! git is asked twice for a whole site, not once per file or commit: `git log` lists the commits that touched the
//! process folders (on the first-parent line, so a merged pull request is one step), and one `git cat-file --batch`
//! reads every earlier state of every file.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jiff::civil::Date;

use crate::diff::Change;
use crate::model::{Language, Process};

/// One committed state of a process file.
#[derive(Debug, Clone)]
pub struct Committed {
    /// The author date of the commit.
    pub date: Date,
    /// The author of the commit, as the repository's mailmap names them.
    pub author: String,
    pub process: Process,
}

/// The committed states of one file, oldest first.
#[derive(Debug, Clone, Default)]
pub struct FileHistory {
    pub states: Vec<Committed>,
    /// False in a shallow clone: the oldest state known may not be the first, so nothing is said of what it
    /// changed.
    pub complete: bool,
}

/// What a row of the history says happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The first state of the file that git knows, in a full clone.
    FirstVersion,
    /// A version whose `updated` record was made in it, with what changed in it when git knows.
    Updated(Vec<Change>),
    /// A version made by the approval, with what else changed in it.
    Approved(Vec<Change>),
    /// A version known only from git, with what changed in it.
    Changed(Vec<Change>),
    /// The oldest state a shallow clone has: what came before it is not known here.
    OldestKnown,
    Reviewed {
        note: Option<String>,
    },
    Retired,
}

/// One row of the version history.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The version the row is about; `None` where it cannot be known (a record older than the last update, without
    /// git).
    pub version: Option<String>,
    /// `None` for a version not committed yet and without an update record.
    pub date: Option<Date>,
    pub who: String,
    pub event: Event,
}

/// A version: the last state of the file while `version` had one value.
struct Version<'a> {
    version: &'a str,
    /// The first commit with this version (none for a version in the working tree only).
    commit: Option<(&'a Date, &'a str)>,
    /// The state at that commit.
    first: &'a Process,
    state: &'a Process,
}

/// The rows of the version history of `process` (the file as it is now), oldest first, in `language`.
pub fn rows(process: &Process, history: Option<&FileHistory>, language: Language) -> Vec<Row> {
    let mut versions: Vec<Version> = Vec::new();
    for committed in history.map_or(&[][..], |history| &history.states) {
        match versions.last_mut() {
            Some(last) if last.version == committed.process.version.0 => {
                last.state = &committed.process;
            }
            _ => versions.push(Version {
                version: &committed.process.version.0,
                commit: Some((&committed.date, &committed.author)),
                first: &committed.process,
                state: &committed.process,
            }),
        }
    }
    // The working tree is the last state of its version: committed or not.
    match versions.last_mut() {
        Some(last) if last.version == process.version.0 => last.state = process,
        _ => versions.push(Version {
            version: &process.version.0,
            commit: None,
            first: process,
            state: process,
        }),
    }
    let complete = history.is_none_or(|history| history.complete);
    let known = history.is_some_and(|history| !history.states.is_empty());

    let mut rows = Vec::new();
    let (mut update_shown, mut approval_shown) = (false, false);
    for (index, version) in versions.iter().enumerate() {
        let before = index.checked_sub(1).map(|index| versions[index].state);
        let state = version.state;
        let content: Vec<Change> = before
            .map(|before| {
                crate::diff::changes_in(before, state, language)
                    .into_iter()
                    .filter(|change| !change.is_record())
                    .collect()
            })
            .unwrap_or_default();
        // A record dates the version it was made in. In the oldest version, only one the file came into git with
        // (a process written before it was kept in git); one added later, as the approval of a draft, is a row of
        // its own, after the version's first commit. The records of the oldest state of a shallow clone may be
        // older than it: they are placed below, without a version.
        let placed = |holds: &dyn Fn(&Process) -> bool| match before {
            Some(_) => true,
            None => complete && (version.commit.is_none() || holds(version.first)),
        };
        let updated = state.updated.as_ref().filter(|updated| {
            placed(&|first| first.updated.as_ref() == Some(*updated))
                && before.is_none_or(|before| before.updated.as_ref() != Some(*updated))
        });
        let approved = state.approved.as_ref().filter(|approved| {
            placed(&|first| first.approved.as_ref() == Some(*approved))
                && before.is_none_or(|before| before.approved.as_ref() != Some(*approved))
        });
        let row = |date: Option<Date>, who: String, event: Event| Row {
            version: Some(version.version.to_owned()),
            date,
            who,
            event,
        };
        if let Some(updated) = updated {
            update_shown |= process.updated.as_ref() == Some(updated);
            rows.push(row(
                Some(updated.date.0),
                updated.by.join(", "),
                Event::Updated(content),
            ));
        } else if let Some(approved) = approved {
            approval_shown |= process.approved.as_ref() == Some(approved);
            rows.push(row(
                Some(approved.date.0),
                approved.by.clone(),
                Event::Approved(content),
            ));
        } else if let Some((date, author)) = version.commit {
            let event = match before {
                // A version that only records a review (`proc review --bump`): the review's row says it.
                Some(before)
                    if content.is_empty() && version.first.reviews.len() > before.reviews.len() =>
                {
                    continue;
                }
                Some(_) => Event::Changed(content),
                None if complete => Event::FirstVersion,
                None => Event::OldestKnown,
            };
            rows.push(row(Some(*date), author.to_owned(), event));
        } else if !content.is_empty() {
            // A new version not committed yet, without an update record to date it.
            rows.push(row(None, String::new(), Event::Changed(content)));
        }
    }

    let version_rows = rows.len();
    // The version a record was made in: the version of the first state that holds it (unknown when that is the oldest
    // state of a shallow clone). Without git, a record made since the last update belongs to the current version,
    // and an older one cannot be placed.
    let made_in = |holds: &dyn Fn(&Process) -> bool, date: Date| -> Option<String> {
        if let Some(history) = history.filter(|_| known) {
            let mut states = history
                .states
                .iter()
                .map(|committed| &committed.process)
                .chain(std::iter::once(process));
            let at = states.position(holds)?;
            let state = history
                .states
                .get(at)
                .map_or(process, |committed| &committed.process);
            (at > 0 || complete).then(|| state.version.0.clone())
        } else {
            let since = process
                .updated
                .as_ref()
                .is_none_or(|updated| date >= updated.date.0);
            since.then(|| process.version.0.clone())
        }
    };
    if let Some(updated) = process.updated.as_ref().filter(|_| !update_shown) {
        rows.push(Row {
            version: made_in(
                &|state| state.updated.as_ref() == Some(updated),
                updated.date.0,
            ),
            date: Some(updated.date.0),
            who: updated.by.join(", "),
            event: Event::Updated(Vec::new()),
        });
    }
    if let Some(approved) = process.approved.as_ref().filter(|_| !approval_shown) {
        rows.push(Row {
            version: made_in(
                &|state| state.approved.as_ref() == Some(approved),
                approved.date.0,
            ),
            date: Some(approved.date.0),
            who: approved.by.clone(),
            event: Event::Approved(Vec::new()),
        });
    }
    for review in &process.reviews {
        rows.push(Row {
            version: made_in(&|state| state.reviews.contains(review), review.date.0),
            date: Some(review.date.0),
            who: review.by.clone(),
            event: Event::Reviewed {
                note: review.note.clone(),
            },
        });
    }
    if let Some(retired) = &process.retired {
        rows.push(Row {
            version: Some(process.version.0.clone()),
            date: Some(retired.date.0),
            who: retired.by.clone(),
            event: Event::Retired,
        });
    }
    // Oldest first; a row not dated yet is the newest. The versions keep the order of the commits even where
    // their dates do not (an update record dated before the one of the version before): each sorts by the latest
    // date so far. Rows of one day keep their order: the version, then its approval, reviews and retirement.
    let mut latest: Option<Date> = None;
    let mut keyed: Vec<(Option<Date>, Row)> = rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let key = if index < version_rows {
                latest = latest.max(row.date);
                row.date.and(latest)
            } else {
                row.date
            };
            (key, row)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| (key.is_none(), *key));
    keyed.into_iter().map(|(_, row)| row).collect()
}

/// The committed states of each of `files` (paths as given), from the git repository around them. A file outside
/// a repository, a repository without commits and a machine without git all give no history: the page then shows
/// the file's own records, which is all there is.
pub fn from_git(files: &[&Path]) -> HashMap<PathBuf, FileHistory> {
    let mut by_top: BTreeMap<PathBuf, (bool, Vec<(PathBuf, String)>)> = BTreeMap::new();
    let mut tops: HashMap<PathBuf, Option<(PathBuf, bool)>> = HashMap::new();
    for &file in files {
        let Ok(real) = std::fs::canonicalize(file) else {
            continue;
        };
        let Some(folder) = real.parent() else {
            continue;
        };
        let top = tops
            .entry(folder.to_path_buf())
            .or_insert_with(|| repository_of(folder))
            .clone();
        let Some((top, shallow)) = top else {
            continue;
        };
        let Some(relative) = real
            .strip_prefix(&top)
            .ok()
            .and_then(Path::to_str)
            .map(|relative| relative.replace('\\', "/"))
        else {
            continue;
        };
        by_top
            .entry(top)
            .or_insert((shallow, Vec::new()))
            .1
            .push((file.to_path_buf(), relative));
    }
    let mut out = HashMap::new();
    for (top, (shallow, files)) in by_top {
        out.extend(histories(&top, !shallow, &files).unwrap_or_default());
    }
    out
}

/// The top folder of the repository around `folder` and whether it is a shallow clone.
fn repository_of(folder: &Path) -> Option<(PathBuf, bool)> {
    let answer = git(
        folder,
        &["rev-parse", "--show-toplevel", "--is-shallow-repository"],
    )?;
    let mut lines = answer.lines();
    let top = PathBuf::from(lines.next()?.trim());
    let shallow = lines.next()?.trim() == "true";
    Some((std::fs::canonicalize(&top).unwrap_or(top), shallow))
}

/// git, or nothing: without git (or outside a repository) a page shows the file's own records.
fn git(folder: &Path, args: &[&str]) -> Option<String> {
    crate::git::run(folder, args).ok()
}

/// One commit of `git log`: its id, date, author and what it did to the files it touched.
struct Commit {
    id: String,
    /// The committer date: the day the change reached this line of history (a rebase or a cherry-pick moves it,
    /// so the dates follow the order of the commits).
    date: Date,
    author: String,
    changes: Vec<FileChange>,
}

/// A file a commit touched: its path, and the path it had before when the commit moved or copied it.
struct FileChange {
    path: String,
    from: Option<String>,
}

const COMMIT_MARK: char = '\u{1e}';

/// The commits of `git log -z --name-status` output, newest first.
fn commits(log: &str) -> Vec<Commit> {
    log.split(COMMIT_MARK)
        .filter_map(|entry| {
            let (head, rest) = entry.split_once('\0')?;
            let mut head = head.splitn(3, ' ');
            let id = head.next()?.to_owned();
            let date: Date = head.next()?.parse().ok()?;
            let author = head.next().unwrap_or_default().to_owned();
            let mut fields = rest.trim_start_matches('\n').split('\0');
            let mut changes = Vec::new();
            while let Some(status) = fields.next().filter(|status| !status.is_empty()) {
                let Some(first) = fields.next() else { break };
                // A move or a copy names the old path, then the new one.
                if status.starts_with(['R', 'C']) {
                    let Some(second) = fields.next() else { break };
                    changes.push(FileChange {
                        path: second.to_owned(),
                        from: status.starts_with('R').then(|| first.to_owned()),
                    });
                } else {
                    changes.push(FileChange {
                        path: first.to_owned(),
                        from: None,
                    });
                }
            }
            Some(Commit {
                id,
                date,
                author,
                changes,
            })
        })
        .collect()
}

fn histories(
    top: &Path,
    complete: bool,
    files: &[(PathBuf, String)],
) -> Option<HashMap<PathBuf, FileHistory>> {
    // Every YAML file of the repository, so that a process moved in from another folder keeps its history;
    // `-z` gives each path as it is, whatever characters it has.
    let log = git(
        top,
        &[
            "log",
            "-z",
            "--first-parent",
            "-m",
            "--name-status",
            "-M",
            "--date=short",
            "--format=\u{1e}%H %cd %aN",
            "--",
            "*.yaml",
            "*.yml",
        ],
    )?;
    let commits = commits(&log);

    // Each file followed back from its path now, through the moves, newest commit first.
    let mut following: HashMap<String, usize> = files
        .iter()
        .enumerate()
        .map(|(index, (_, relative))| (relative.clone(), index))
        .collect();
    let mut requests: Vec<(usize, &Commit, String)> = Vec::new();
    for commit in &commits {
        let mut moved: Vec<(String, String, usize)> = Vec::new();
        for change in &commit.changes {
            let Some(&file) = following.get(&change.path) else {
                continue;
            };
            // A path with a line break cannot be asked for in `git cat-file --batch`, one line per object.
            if !change.path.contains('\n') {
                requests.push((file, commit, change.path.clone()));
            }
            if let Some(from) = &change.from {
                moved.push((change.path.clone(), from.clone(), file));
            }
        }
        // Before this commit, a moved file had its old path.
        for (path, from, file) in moved {
            following.remove(&path);
            following.insert(from, file);
        }
    }
    requests.reverse();
    let texts = read_blobs(
        top,
        requests
            .iter()
            .map(|(_, commit, path)| format!("{}:{path}", commit.id)),
    )?;
    // A state that is not a valid process (deleted, or committed with errors) is passed over: its changes show
    // in the next state that is. Read in parallel: a site's history can be thousands of states.
    let processes: Vec<Option<Process>> = {
        use rayon::prelude::*;
        texts
            .into_par_iter()
            .map(|text| {
                let root = crate::load::parse_text(&text?)?;
                Process::from_node(&root).ok()
            })
            .collect()
    };
    let mut out: HashMap<PathBuf, FileHistory> = HashMap::new();
    for ((file, commit, _), process) in requests.iter().zip(processes) {
        let entry = out
            .entry(files[*file].0.clone())
            .or_insert_with(|| FileHistory {
                states: Vec::new(),
                complete,
            });
        let Some(process) = process else {
            continue;
        };
        entry.states.push(Committed {
            date: commit.date,
            author: commit.author.clone(),
            process,
        });
    }
    Some(out)
}

/// The texts of `objects` (`commit:path`), in order, from one `git cat-file --batch`; `None` for an object that is
/// missing (a file deleted in that commit) or not text.
fn read_blobs(top: &Path, objects: impl Iterator<Item = String>) -> Option<Vec<Option<String>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(top)
        // The object name as git knows it, never the path asked for, so the header has no spaces but its own.
        .args([
            "cat-file",
            "--batch=%(objectname) %(objecttype) %(objectsize)",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input: String = objects.map(|object| object + "\n").collect();
    let count = input.lines().count();
    // Written from a thread: git answers while it reads, and a full pipe both ways would stop both.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut stdout = BufReader::new(child.stdout.take()?);
    let mut texts = Vec::with_capacity(count);
    let mut header = String::new();
    for _ in 0..count {
        header.clear();
        if stdout.read_line(&mut header).ok()? == 0 {
            break;
        }
        // "<name> <type> <size>", or "<what was asked> missing" (a file deleted in that commit).
        let fields: Vec<&str> = header.split_whitespace().collect();
        let (kind, size) = match fields[..] {
            [_, kind, size] => (Some(kind), size.parse::<usize>().ok()),
            _ => (None, None),
        };
        match size {
            Some(size) => {
                let mut bytes = vec![0; size + 1]; // and the newline after it
                stdout.read_exact(&mut bytes).ok()?;
                bytes.pop();
                texts.push(
                    (kind == Some("blob"))
                        .then(|| String::from_utf8(bytes).ok())
                        .flatten(),
                );
            }
            None => texts.push(None), // "<object> missing"
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    (texts.len() == count).then_some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(version: &str, extra: &str) -> Process {
        let yaml = format!(
            "id: a\nname: Oro\ngoal: Mål\nowner: Anna\n{extra}version: \"{version}\"\nsteps:\n  - name: Bedömning\n    what: X\n    responsible: [Kurator]\n"
        );
        let Some(root) = crate::load::parse_text(&yaml) else {
            panic!("the text reads");
        };
        match Process::from_node(&root) {
            Ok(process) => process,
            Err(error) => panic!("{error}"),
        }
    }

    fn date(text: &str) -> Date {
        match text.parse() {
            Ok(date) => date,
            Err(error) => panic!("{error}"),
        }
    }

    fn committed(day: &str, author: &str, process: Process) -> Committed {
        Committed {
            date: date(day),
            author: author.to_owned(),
            process,
        }
    }

    /// Each row as "version date who event".
    fn said(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|row| {
                let event = match &row.event {
                    Event::FirstVersion => "first".to_owned(),
                    Event::Updated(changes) => format!("updated {}", changes.len()),
                    Event::Approved(changes) => format!("approved {}", changes.len()),
                    Event::Changed(changes) => format!("changed {}", changes.len()),
                    Event::Reviewed { note } => format!("reviewed {note:?}"),
                    Event::Retired => "retired".to_owned(),
                    Event::OldestKnown => "oldest known".to_owned(),
                };
                format!(
                    "{} {} {} {event}",
                    row.version.as_deref().unwrap_or("-"),
                    row.date.map_or("-".to_owned(), |date| date.to_string()),
                    row.who
                )
            })
            .collect()
    }

    const APPROVED: &str = "approved:\n  date: 2020-01-10\n  by: Chef\n";
    const REVIEWED: &str = "reviews:\n  - date: 2021-04-01\n    by: Berit\n  - date: 2022-04-01\n    by: Berit\n    note: Inga ändringar\n";

    #[test]
    fn without_git_a_record_older_than_the_last_update_has_no_version() {
        let now = process(
            "2",
            &format!("{APPROVED}updated:\n  date: 2021-06-01\n  by: [Cecilia]\n{REVIEWED}"),
        );
        assert_eq!(
            said(&rows(&now, None, Language::Sv)),
            [
                "- 2020-01-10 Chef approved 0",
                "- 2021-04-01 Berit reviewed None",
                "2 2021-06-01 Cecilia updated 0",
                "2 2022-04-01 Berit reviewed Some(\"Inga ändringar\")",
            ]
        );
        // A draft never committed, without records, has no history at all.
        assert!(rows(&process("0.1", ""), None, Language::Sv).is_empty());
    }

    #[test]
    fn git_places_each_record_in_the_version_it_was_made_in() {
        let history = FileHistory {
            states: vec![
                committed("2019-12-01", "Anna", process("0.1", "")),
                committed("2020-01-11", "Anna", process("1", APPROVED)),
                committed(
                    "2021-04-02",
                    "Berit",
                    process(
                        "1",
                        &format!("{APPROVED}reviews:\n  - date: 2021-04-01\n    by: Berit\n"),
                    ),
                ),
                committed(
                    "2021-06-02",
                    "Dan",
                    process(
                        "2",
                        &format!("{APPROVED}reviews:\n  - date: 2021-04-01\n    by: Berit\n"),
                    ),
                ),
            ],
            complete: true,
        };
        let now = process("2", &format!("{APPROVED}{REVIEWED}"));
        assert_eq!(
            said(&rows(&now, Some(&history), Language::Sv)),
            [
                "0.1 2019-12-01 Anna first",
                "1 2020-01-10 Chef approved 0",
                "1 2021-04-01 Berit reviewed None",
                "2 2021-06-02 Dan changed 0",
                "2 2022-04-01 Berit reviewed Some(\"Inga ändringar\")",
            ]
        );
        // In a shallow clone the oldest state known is not said to be the first.
        let shallow = FileHistory {
            states: history.states[1..].to_vec(),
            complete: false,
        };
        assert_eq!(
            said(&rows(&now, Some(&shallow), Language::Sv)),
            [
                "- 2020-01-10 Chef approved 0",
                "1 2020-01-11 Anna oldest known",
                "1 2021-04-01 Berit reviewed None",
                "2 2021-06-02 Dan changed 0",
                "2 2022-04-01 Berit reviewed Some(\"Inga ändringar\")",
            ]
        );
        let shallow = FileHistory {
            states: history.states[3..].to_vec(),
            complete: false,
        };
        assert_eq!(
            said(&rows(&now, Some(&shallow), Language::Sv))[..2],
            [
                "- 2020-01-10 Chef approved 0",
                "- 2021-04-01 Berit reviewed None"
            ]
        );
    }

    #[test]
    fn a_draft_approved_without_a_new_version_keeps_its_first_row_and_a_review_bump_adds_none() {
        let reviewed = format!("{APPROVED}reviews:\n  - date: 2021-04-01\n    by: Berit\n");
        let history = FileHistory {
            states: vec![
                committed("2019-12-01", "Anna", process("0.1", "")),
                committed("2020-01-11", "Anna", process("0.1", APPROVED)),
                committed("2021-04-02", "Berit", process("0.2", &reviewed)),
            ],
            complete: true,
        };
        assert_eq!(
            said(&rows(
                &process("0.2", &reviewed),
                Some(&history),
                Language::Sv
            )),
            [
                "0.1 2019-12-01 Anna first",
                "0.1 2020-01-10 Chef approved 0",
                "0.2 2021-04-01 Berit reviewed None",
            ]
        );
    }

    #[test]
    fn versions_keep_the_order_of_the_commits_when_their_dates_do_not() {
        let updated = |date: &str| format!("{APPROVED}updated:\n  date: {date}\n  by: [Cecilia]\n");
        let history = FileHistory {
            states: vec![
                committed("2020-01-11", "Anna", process("1", APPROVED)),
                committed(
                    "2021-06-02",
                    "Cecilia",
                    process("2", &updated("2021-06-01")),
                ),
                committed(
                    "2021-07-02",
                    "Cecilia",
                    process("3", &updated("2021-05-01")),
                ),
            ],
            complete: true,
        };
        let said = said(&rows(
            &process("3", &updated("2021-05-01")),
            Some(&history),
            Language::Sv,
        ));
        let versions: Vec<&str> = said.iter().map(|row| &row[..1]).collect();
        assert_eq!(versions, ["1", "2", "3"], "{said:?}");
    }

    #[test]
    fn a_new_version_not_committed_and_not_dated_comes_last() {
        let history = FileHistory {
            states: vec![committed("2020-01-11", "Anna", process("1", APPROVED))],
            complete: true,
        };
        let mut now = process("1.1", APPROVED);
        now.goal = "Ett nytt mål".to_owned();
        let rows = rows(&now, Some(&history), Language::Sv);
        assert_eq!(
            said(&rows),
            ["1 2020-01-10 Chef approved 0", "1.1 -  changed 1"]
        );
        let Event::Changed(changes) = &rows[1].event else {
            panic!("{rows:?}");
        };
        assert_eq!(
            changes[0].text(),
            "Processens mål: \"Mål\" → \"Ett nytt mål\""
        );
    }
}
