//! The version history on a page: from the file's own records and from the file's earlier versions in git.

use crate::common::{proc, run};

use std::path::Path;
use std::process::Command;

const DRAFT: &str = "id: hembesok
name: Hembesök
goal: Stöd till familjen
owner: Elina Sandkulla
version: \"0.1\"
review_cycle:
  month: april
steps:
  - name: Besök
    what: Hembesök hos familjen
    responsible: [Hälsovårdare]
";

/// A commit of everything by `author` on `date` (both the author's and the committer's date, so the log is the same
/// every run).
fn commit(dir: &Path, author: &str, date: &str, message: &str) {
    crate::common::git_as(dir, author, Some(date), &["add", "-A"]);
    crate::common::git_as(dir, author, Some(date), &["commit", "-q", "-m", message]);
}

/// Changes the file's text, and its version to `version`.
fn edit(file: &Path, version: &str, change: impl Fn(String) -> String) {
    let text = std::fs::read_to_string(file).expect("read");
    let text: String = text
        .lines()
        .map(|line| {
            if line.starts_with("version:") {
                format!("version: \"{version}\"\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    std::fs::write(file, change(text)).expect("write");
}

fn proc_in(dir: &Path, args: &[&str]) {
    let done = run(proc().current_dir(dir).args(args));
    assert_eq!(done.code, 0, "proc {args:?}: {done:?}");
}

/// The rows of the history table of a rendered page, a line each, cells apart with " | " and the changes with "; ".
fn history_rows(page: &str) -> Vec<String> {
    let Some(start) = page.find("<table class=\"history") else {
        return Vec::new();
    };
    let table = &page[start
        ..page[start..]
            .find("</table>")
            .map_or(page.len(), |end| start + end)];
    table
        .split("<tr role=\"row\">")
        .skip(2)
        .map(|row| {
            let row = row
                .replace("</th>", "\u{1}")
                .replace("</td>", "\u{1}")
                .replace("</li>", "; ");
            let mut text = String::new();
            let mut in_tag = false;
            for c in row.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    _ if !in_tag => text.push(c),
                    _ => {}
                }
            }
            let cells: Vec<&str> = text
                .split('\u{1}')
                .map(|cell| cell.trim().trim_end_matches(';'))
                .collect();
            cells[..cells.len() - 1].join(" | ")
        })
        .collect()
}

/// A process made as a coordinator makes one: written as a draft, approved with `proc approve`, changed, reviewed
/// with `proc review`, changed again, and changed once more without committing. Each version is a row, dated and
/// signed by the file's own records where it has them and by git where it has not.
#[test]
fn the_page_shows_each_version_from_git_and_each_record_of_the_file() {
    let repository = tempfile::tempdir().expect("a temporary directory");
    let dir = repository.path();
    std::fs::create_dir(dir.join("processes")).expect("processes/");
    let file = dir.join("processes/hembesok.yaml");
    std::fs::write(&file, DRAFT).expect("write");
    let git = Command::new("git")
        .current_dir(dir)
        .args(["init", "-q"])
        .status()
        .expect("git runs");
    assert!(git.success());
    commit(dir, "Anna Berg", "2023-01-10", "Hembesök: a draft");

    proc_in(
        dir,
        &[
            "approve",
            "processes/hembesok.yaml",
            "--by",
            "Socialnämnden",
            "--date",
            "2023-02-01",
            "--bump",
            "major",
            "--today",
            "2023-02-02",
        ],
    );
    commit(dir, "Anna Berg", "2023-02-02", "Hembesök approved");

    // The update record dates and signs this version, not the commit.
    edit(&file, "1.1", |text| {
        text.replace(
            "version:",
            "updated:\n  date: 2024-03-05\n  by: [Bertil Ek]\nversion:",
        )
        .replace("  - name: Besök", "  - name: Första hembesöket")
        .replace("[Hälsovårdare]", "[Hälsovårdare, Psykolog]")
    });
    commit(dir, "Cecilia Lind", "2024-03-06", "Hembesök 1.1");

    proc_in(
        dir,
        &[
            "review",
            "hembesok",
            "--by",
            "Bertil Ek",
            "--date",
            "2025-04-10",
            "--note",
            "Inga ändringar",
            "--today",
            "2025-04-11",
        ],
    );
    commit(dir, "Bertil Ek", "2025-04-11", "Hembesök reviewed");

    // No update record: the commit dates and signs it.
    edit(&file, "1.2", |text| {
        text + "  - name: Uppföljning\n    what: Samtal efter besöket\n    responsible: [Hälsovårdare]\n"
    });
    commit(dir, "Dan Ek", "2025-09-01", "Hembesök: uppföljning");

    // Not committed: the working tree is the newest version.
    edit(&file, "2.0", |text| {
        text.replace("goal: Stöd till familjen", "goal: Stöd till hela familjen")
            .replace(
                "date: 2024-03-05\n  by: [Bertil Ek]",
                "date: 2026-01-15\n  by: [Anna Berg]",
            )
    });

    let out = dir.join("out");
    let render = run(proc().current_dir(dir).args([
        "render",
        "processes",
        "--out",
        out.to_str().expect("a UTF-8 path"),
        "--today",
        "2026-01-20",
    ]));
    assert_eq!(render.code, 0, "{render:?}");
    let page = std::fs::read_to_string(out.join("hembesok.html")).expect("the page");
    assert_eq!(
        history_rows(&page),
        [
            "0.1 | 2023-01-10 | Anna Berg | Första versionen",
            "1.0 | 2023-02-01 | Socialnämnden | Godkänd",
            "1.1 | 2024-03-05 | Bertil Ek | Steg 1 Besök: nytt namn Första hembesöket; Roll Psykolog tillagd i steg 1",
            "1.1 | 2025-04-10 | Bertil Ek | Granskad: Inga ändringar",
            "1.2 | 2025-09-01 | Dan Ek | Nytt steg 2: Uppföljning",
            "2.0 | 2026-01-15 | Anna Berg | Processens mål: Stöd till familjen → Stöd till hela familjen",
        ]
    );
    insta::assert_snapshot!(
        "history_table",
        &page[page
            .find("<section>\n<h2 id=\"history-heading\"")
            .expect("the history")..]
    );

    // Without git (the same file copied out of the repository), only the file's own records are left.
    let alone = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(alone.path().join("processes")).expect("processes/");
    std::fs::copy(&file, alone.path().join("processes/hembesok.yaml")).expect("copy");
    let render = run(proc().current_dir(alone.path()).args([
        "render",
        "processes",
        "--out",
        "out",
        "--today",
        "2026-01-20",
    ]));
    assert_eq!(render.code, 0, "{render:?}");
    let page = std::fs::read_to_string(alone.path().join("out/hembesok.html")).expect("the page");
    assert_eq!(
        history_rows(&page),
        [
            " | 2023-02-01 | Socialnämnden | Godkänd",
            " | 2025-04-10 | Bertil Ek | Granskad: Inga ändringar",
            "2.0 | 2026-01-15 | Anna Berg | Uppdaterad",
        ]
    );
}

/// The history follows a file moved to another folder (here one whose name has spaces, quotes and a number, which
/// `git log` would otherwise quote or split), and a shallow clone does not call its oldest state the first.
#[test]
fn the_history_follows_a_moved_file_and_a_shallow_clone_says_what_it_lacks() {
    let repository = tempfile::tempdir().expect("a temporary directory");
    let dir = repository.path();
    std::fs::create_dir(dir.join("processes")).expect("processes/");
    let file = dir.join("processes/hembesok.yaml");
    std::fs::write(&file, DRAFT).expect("write");
    let init = Command::new("git")
        .current_dir(dir)
        .args(["init", "-q"])
        .status()
        .expect("git runs");
    assert!(init.success());
    commit(dir, "Anna Berg", "2023-01-10", "a draft");
    edit(&file, "0.2", |text| {
        text.replace("goal: Stöd till familjen", "goal: Stöd")
    });
    commit(dir, "Anna Berg", "2023-01-20", "a shorter goal");
    let folder = dir.join("Rutiner \"nya\" 2024");
    std::fs::create_dir(&folder).expect("a folder");
    let moved = Command::new("git")
        .current_dir(dir)
        .args([
            "mv",
            "processes/hembesok.yaml",
            "Rutiner \"nya\" 2024/hembesok.yaml",
        ])
        .status()
        .expect("git runs");
    assert!(moved.success());
    commit(dir, "Bertil Ek", "2023-02-01", "moved");
    edit(&folder.join("hembesok.yaml"), "0.3", |text| {
        text.replace("goal: Stöd", "goal: Stöd till barnet")
    });
    commit(dir, "Bertil Ek", "2023-03-01", "a new goal");

    let render = |dir: &Path| {
        let done = run(proc().current_dir(dir).args([
            "render",
            "Rutiner \"nya\" 2024",
            "--out",
            "out",
            "--today",
            "2023-03-02",
        ]));
        assert_eq!(done.code, 0, "{done:?}");
        history_rows(&std::fs::read_to_string(dir.join("out/hembesok.html")).expect("the page"))
    };
    assert_eq!(
        render(dir),
        [
            "0.1 | 2023-01-10 | Anna Berg | Första versionen",
            "0.2 | 2023-01-20 | Anna Berg | Processens mål: Stöd till familjen → Stöd",
            "0.3 | 2023-03-01 | Bertil Ek | Processens mål: Stöd → Stöd till barnet",
        ]
    );

    let clone = tempfile::tempdir().expect("a temporary directory");
    let cloned = Command::new("git")
        .args(["clone", "-q", "--depth", "1"])
        .arg(format!("file://{}", dir.display()))
        .arg(clone.path().join("shallow"))
        .status()
        .expect("git runs");
    assert!(cloned.success());
    assert_eq!(
        render(&clone.path().join("shallow")),
        ["0.3 | 2023-03-01 | Bertil Ek | Tidigare versioner finns inte här"]
    );
}
