//! What changed between two versions of a process, said as a reader would say it ("step 3 *Bedömning* renamed to
//! *Kartläggning*", "role *Psykolog* added to step 4"), not as lines of YAML: what an approver reads before
//! approving, and what the version history of a page says of each version.

use serde::Serialize;

use crate::model::{Instruction, Interface, Process, ReviewCycle, Step};

/// One change, as words and names: the names are what the author wrote (a step's name, a role), shown in
/// italics in Markdown and in quotes in plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change(Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Piece {
    Words(String),
    Name(String),
}

impl Change {
    fn new() -> Self {
        Change(Vec::new())
    }

    fn words(mut self, words: impl Into<String>) -> Self {
        self.0.push(Piece::Words(words.into()));
        self
    }

    fn name(mut self, name: impl Into<String>) -> Self {
        self.0.push(Piece::Name(name.into()));
        self
    }

    /// Plain text: names in quotes.
    pub fn text(&self) -> String {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => words.clone(),
                Piece::Name(name) => format!("\"{}\"", one_line(name)),
            })
            .collect()
    }

    /// Markdown: names in italics, with what Markdown would read as markup escaped.
    pub fn markdown(&self) -> String {
        self.0
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => escape_markdown(words),
                Piece::Name(name) => format!("*{}*", escape_markdown(&one_line(name))),
            })
            .collect()
    }
}

/// A long or multi-line text shown in a change is cut to its first line and 80 characters.
fn one_line(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    let cut: String = first.chars().take(80).collect();
    if cut.len() < first.len() || text.trim().lines().count() > 1 {
        format!("{cut}…")
    } else {
        cut
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The changes of one process file since a revision.
#[derive(Debug, Clone, Serialize)]
pub struct FileChanges {
    /// The file as the user named it (or as git names it, for a file removed since).
    pub file: String,
    /// The process's name now (or then, for a removed one).
    pub name: String,
    pub changes: Vec<Change>,
}

/// What changed in the process files under `paths` since `revision` of their git repository: files changed,
/// added and removed. A file that cannot be read as a process (now or then) is said so, as its one change.
pub fn since(revision: &str, paths: &[std::path::PathBuf]) -> Result<Vec<FileChanges>, String> {
    let here = std::env::current_dir().map_err(|error| error.to_string())?;
    let base = crate::rules::changes::Base::new(revision, &here)?;
    let read =
        |text: &str| crate::load::parse_text(text).and_then(|root| Process::from_node(&root).ok());
    let (files, _) = crate::walk::discover(paths);
    let at_base = base.files_at_base()?;
    let mut out = Vec::new();
    for path in files {
        let known = std::fs::canonicalize(&path).is_ok_and(|real| at_base.contains(&real));
        if known && !base.is_changed(&path) {
            continue;
        }
        let file = crate::source::display_path(&path);
        let now = std::fs::read_to_string(&path).ok();
        let now = now.as_deref().and_then(read);
        let then = base.text_at_base(&path);
        let (name, changes) = match (then.as_deref().map(read), now) {
            (None, Some(now)) => (now.name.clone(), vec![Change::new().words("new process")]),
            (Some(Some(then)), Some(now)) => (now.name.clone(), changes(&then, &now)),
            (_, None) => (
                String::new(),
                vec![Change::new().words("cannot be read as a process now: `proc lint` shows why")],
            ),
            (Some(None), Some(now)) => (
                now.name.clone(),
                vec![Change::new().words(format!(
                    "the version of {revision} cannot be read as a process"
                ))],
            ),
        };
        if !changes.is_empty() {
            out.push(FileChanges {
                file,
                name,
                changes,
            });
        }
    }
    let roots: Vec<std::path::PathBuf> = paths
        .iter()
        .filter_map(|path| std::path::absolute(path).ok())
        .collect();
    for (path, text) in base.removed() {
        let yaml = matches!(
            path.extension().and_then(|extension| extension.to_str()),
            Some("yaml" | "yml")
        );
        if !yaml
            || !roots
                .iter()
                .any(|root| path.starts_with(root) || path == *root)
        {
            continue;
        }
        let name = read(&text).map(|process| process.name).unwrap_or_default();
        let file = crate::source::display_path(path.strip_prefix(&here).unwrap_or(&path));
        out.push(FileChanges {
            file,
            name,
            changes: vec![Change::new().words("process removed")],
        });
    }
    Ok(out)
}

/// Every change from `old` to `new`, in the order of the page: the basic data, then the steps.
pub fn changes(old: &Process, new: &Process) -> Vec<Change> {
    let mut out = Vec::new();
    if old.id != new.id {
        out.push(
            Change::new()
                .words("id changed from ")
                .name(old.id.as_str())
                .words(" to ")
                .name(new.id.as_str()),
        );
    }
    text_field(&mut out, "name", Some(&old.name), Some(&new.name));
    text_field(&mut out, "goal", Some(&old.goal), Some(&new.goal));
    text_field(&mut out, "scope", old.scope.as_ref(), new.scope.as_ref());
    text_field(&mut out, "owner", Some(&old.owner), Some(&new.owner));
    text_field(&mut out, "users", old.users.as_ref(), new.users.as_ref());
    text_field(
        &mut out,
        "target group",
        old.target_group.as_ref(),
        new.target_group.as_ref(),
    );
    list_field(&mut out, "author", &old.authors, &new.authors);
    list_field(&mut out, "partner", &old.partners, &new.partners);
    match (&old.approved, &new.approved) {
        (None, Some(approval)) => out.push(
            Change::new()
                .words(format!("approved on {} by ", approval.date))
                .name(&approval.by),
        ),
        (Some(_), None) => out.push(Change::new().words("approval removed: a draft again")),
        (Some(before), Some(after)) if before != after => out.push(
            Change::new()
                .words(format!("approval changed to {} by ", after.date))
                .name(&after.by),
        ),
        _ => {}
    }
    if old.updated != new.updated
        && let Some(updated) = &new.updated
    {
        out.push(
            Change::new()
                .words(format!("updated on {} by ", updated.date))
                .name(updated.by.join(", ")),
        );
    }
    for review in new
        .reviews
        .iter()
        .filter(|review| !old.reviews.contains(review))
    {
        let change = Change::new()
            .words(format!("review on {} by ", review.date))
            .name(&review.by)
            .words(" recorded");
        out.push(match &review.note {
            Some(note) => change.words(": ").name(note),
            None => change,
        });
    }
    if old.retired.is_none()
        && let Some(retired) = &new.retired
    {
        let change = Change::new().words(format!("retired on {}", retired.date));
        out.push(match &retired.replaced_by {
            Some(id) => change.words(", replaced by ").name(id),
            None => change,
        });
    }
    if old.version != new.version {
        out.push(Change::new().words(format!("version {} → {}", old.version, new.version)));
    }
    review_cycle(
        &mut out,
        old.review_cycle.as_ref(),
        new.review_cycle.as_ref(),
    );
    text_field(
        &mut out,
        "prerequisites",
        old.prerequisites.as_ref(),
        new.prerequisites.as_ref(),
    );
    list_field(&mut out, "metric", &old.metrics, &new.metrics);
    let interface = |interface: &Interface| match interface {
        Interface::Process { process, .. } => process.clone(),
        Interface::Text(text) => text.clone(),
    };
    list_field(
        &mut out,
        "interface",
        &old.interfaces.iter().map(interface).collect::<Vec<_>>(),
        &new.interfaces.iter().map(interface).collect::<Vec<_>>(),
    );
    steps(&mut out, &old.steps, &new.steps);
    list_field(&mut out, "unplaced text", &old.unmapped, &new.unmapped);
    out
}

fn text_field(out: &mut Vec<Change>, what: &str, old: Option<&String>, new: Option<&String>) {
    match (old, new) {
        (Some(old), Some(new)) if old != new => {
            // Short values are shown; a changed paragraph is only named.
            if old.chars().count() <= 80 && new.chars().count() <= 80 && !new.contains('\n') {
                out.push(
                    Change::new()
                        .words(format!("{what} changed from "))
                        .name(old)
                        .words(" to ")
                        .name(new),
                );
            } else {
                out.push(Change::new().words(format!("{what} changed")));
            }
        }
        (None, Some(new)) => out.push(Change::new().words(format!("{what} added: ")).name(new)),
        (Some(_), None) => out.push(Change::new().words(format!("{what} removed"))),
        _ => {}
    }
}

/// Entries removed from and added to a list, each by its text.
fn list_field(out: &mut Vec<Change>, one: &str, old: &[String], new: &[String]) {
    list_changes(out, one, old, new, ("removed", "added"));
}

/// As [`list_field`], with the words said after the name: "role *Psykolog* added to step 4".
fn list_changes(
    out: &mut Vec<Change>,
    one: &str,
    old: &[String],
    new: &[String],
    (removed_words, added_words): (&str, &str),
) {
    for removed in old.iter().filter(|entry| !new.contains(entry)) {
        out.push(
            Change::new()
                .words(format!("{one} "))
                .name(removed)
                .words(format!(" {removed_words}")),
        );
    }
    for added in new.iter().filter(|entry| !old.contains(entry)) {
        out.push(
            Change::new()
                .words(format!("{one} "))
                .name(added)
                .words(format!(" {added_words}")),
        );
    }
}

fn review_cycle(out: &mut Vec<Change>, old: Option<&ReviewCycle>, new: Option<&ReviewCycle>) {
    let months = |cycle: &ReviewCycle| -> String {
        cycle
            .windows()
            .iter()
            .map(|window| {
                let from = window.from.name(crate::model::Language::En);
                if window.last() == window.from {
                    from.to_owned()
                } else {
                    format!("{from}–{}", window.last().name(crate::model::Language::En))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (old, new) {
        (Some(old), Some(new)) => {
            if months(old) != months(new) {
                out.push(Change::new().words(format!(
                    "review month {} → {}",
                    months(old),
                    months(new)
                )));
            }
            if old.every() != new.every() {
                out.push(Change::new().words(format!(
                    "reviewed every {} → every {} years",
                    old.every(),
                    new.every()
                )));
            }
        }
        (None, Some(new)) => {
            out.push(Change::new().words(format!("review month set: {}", months(new))));
        }
        (Some(_), None) => out.push(Change::new().words("review cycle removed")),
        (None, None) => {}
    }
}

/// The steps: matched by `id` where both have one, else by name, else by place; what is left was added or
/// removed.
fn steps(out: &mut Vec<Change>, old: &[Step], new: &[Step]) {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut old_left: Vec<usize> = (0..old.len()).collect();
    let mut new_left: Vec<usize> = (0..new.len()).collect();
    let same_id = |a: &Step, b: &Step| a.id.is_some() && a.id == b.id;
    let same_name = |a: &Step, b: &Step| a.name == b.name;
    for same in [&same_id as &dyn Fn(&Step, &Step) -> bool, &same_name] {
        old_left.retain(
            |&o| match new_left.iter().position(|&n| same(&old[o], &new[n])) {
                Some(at) => {
                    pairs.push((o, new_left.remove(at)));
                    false
                }
                None => true,
            },
        );
    }
    // A step left at the same place on both sides is the same step renamed.
    old_left.retain(|&o| match new_left.iter().position(|&n| n == o) {
        Some(at) => {
            pairs.push((o, new_left.remove(at)));
            false
        }
        None => true,
    });
    for &o in &old_left {
        out.push(
            Change::new()
                .words(format!("step {} ", o + 1))
                .name(&old[o].name)
                .words(" removed"),
        );
    }
    pairs.sort_by_key(|&(_, n)| n);
    for &(o, n) in &pairs {
        step(out, o, &old[o], n, &new[n]);
    }
    for &n in &new_left {
        out.push(
            Change::new()
                .words(format!("step {} ", n + 1))
                .name(&new[n].name)
                .words(" added"),
        );
    }
}

fn step(out: &mut Vec<Change>, o: usize, old: &Step, n: usize, new: &Step) {
    let here = format!("step {}", n + 1);
    if old.name != new.name {
        out.push(
            Change::new()
                .words(format!("{here} "))
                .name(&old.name)
                .words(" renamed to ")
                .name(&new.name),
        );
    }
    if o != n {
        out.push(Change::new().words("step ").name(&new.name).words(format!(
            " moved from place {} to {}",
            o + 1,
            n + 1
        )));
    }
    list_changes(
        out,
        "role",
        &old.responsible,
        &new.responsible,
        (&format!("removed from {here}"), &format!("added to {here}")),
    );
    for (what, before, after) in [
        ("what is done", Some(&old.what), Some(&new.what)),
        ("metrics", old.metrics.as_ref(), new.metrics.as_ref()),
        (
            "evaluation",
            old.evaluation.as_ref(),
            new.evaluation.as_ref(),
        ),
    ] {
        if before != after {
            out.push(Change::new().words(format!("{here}: {what} ")).words(
                match (before, after) {
                    (None, _) => "added",
                    (_, None) => "removed",
                    _ => "changed",
                },
            ));
        }
    }
    // An instruction by what the reader sees of it: a link's title, or the text.
    let shown = |instruction: &Instruction| match instruction {
        Instruction::Link { title, .. } => title.clone(),
        Instruction::Text(text) => text.clone(),
    };
    let old_instructions: Vec<String> = old.instructions.iter().map(shown).collect();
    let new_instructions: Vec<String> = new.instructions.iter().map(shown).collect();
    list_field(
        out,
        &format!("{here}: instruction"),
        &old_instructions,
        &new_instructions,
    );
    if old.next != new.next {
        out.push(Change::new().words(format!(
            "{here}: goes on to {} (was {})",
            or_next(&new.next),
            or_next(&old.next)
        )));
    }
}

fn or_next(next: &[String]) -> String {
    if next.is_empty() {
        "the next step".to_owned()
    } else {
        next.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(yaml: &str) -> Process {
        let Some(root) = crate::load::parse_text(yaml) else {
            panic!("the text reads");
        };
        match Process::from_node(&root) {
            Ok(process) => process,
            Err(error) => panic!("{error}"),
        }
    }

    const BASE: &str = r"id: a
name: Oro
goal: Mål
owner: Anna
approved:
  date: 2020-01-01
  by: Chef
version: 1
review_cycle:
  month: april
steps:
  - name: Bedömning
    what: X
    responsible: [Kurator]
  - name: Planering
    what: Y
    responsible: [Kurator]
    instructions:
      - title: EPDS
        url: https://a.fi
";

    fn said(old: &str, new: &str) -> Vec<String> {
        changes(&process(old), &process(new))
            .iter()
            .map(Change::markdown)
            .collect()
    }

    #[test]
    fn nothing_changed_says_nothing() {
        assert_eq!(said(BASE, BASE), Vec::<String>::new());
    }

    #[test]
    fn changes_are_said_as_a_reader_says_them() {
        let new = BASE
            .replace("owner: Anna", "owner: Bertil")
            .replace("month: april", "month: maj")
            .replace("version: 1", "version: 1.1")
            .replace("name: Planering", "name: Mångprofessionell planering")
            .replace(
                "what: Y\n    responsible: [Kurator]",
                "what: Y\n    responsible: [Kurator, Psykolog]",
            )
            .replace(
                "url: https://a.fi\n",
                "url: https://a.fi\n      - title: Blankett\n        url: https://b.fi\n",
            );
        assert_eq!(
            said(BASE, &new),
            [
                "owner changed from *Anna* to *Bertil*",
                "version 1 → 1.1",
                "review month April → May",
                "step 2 *Planering* renamed to *Mångprofessionell planering*",
                "role *Psykolog* added to step 2",
                "step 2: instruction *Blankett* added",
            ]
        );
    }

    #[test]
    fn steps_added_removed_and_moved_are_found_by_name() {
        let swapped = BASE.replace(
            "  - name: Bedömning\n    what: X\n    responsible: [Kurator]\n",
            "",
        ) + "  - name: Bedömning\n    what: X\n    responsible: [Kurator]\n  - name: Uppföljning\n    what: Z\n    responsible: [Kurator]\n";
        assert_eq!(
            said(BASE, &swapped),
            [
                "step *Planering* moved from place 2 to 1",
                "step *Bedömning* moved from place 1 to 2",
                "step 3 *Uppföljning* added",
            ]
        );
        let draft = BASE.replace("approved:\n  date: 2020-01-01\n  by: Chef\n", "");
        assert_eq!(said(&draft, BASE), ["approved on 2020-01-01 by *Chef*"]);
    }
}
