//! `proc review`: a minimal edit that keeps the rest of the file as it was, refusals that leave the file
//! untouched, and an atomic write.

use crate::common::{self, proc, run};

use std::path::{Path, PathBuf};

const TODAY: &str = "2026-11-23";

/// A copy of the review fixtures in a temporary folder, with the working directory there.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    let fixture = common::root().join("tests/fixtures/review/processes/comments.yaml");
    std::fs::copy(fixture, dir.path().join("processes/comments.yaml")).expect("copy");
    dir
}

fn review(dir: &Path, args: &[&str]) -> common::Run {
    run(proc()
        .current_dir(dir)
        .args(["review", "--today", TODAY])
        .args(args))
}

fn file(dir: &Path) -> PathBuf {
    dir.join("processes/comments.yaml")
}

#[test]
fn only_the_review_lines_and_the_version_line_change() {
    let dir = repository();
    let before = std::fs::read_to_string(file(dir.path())).expect("read");
    let output = review(
        dir.path(),
        &[
            "comments",
            "--by",
            "Elina Sandkulla",
            "--date",
            "2026-04-15",
            "--note",
            "Obs: inga ändringar",
            "--bump",
            "minor",
        ],
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(
        output.stdout,
        "Recorded the review of 2026-04-15 in processes/comments.yaml, version 1.9 → 1.10. Next review due 2027-04-30.\n"
    );
    let after = std::fs::read_to_string(file(dir.path())).expect("read");
    insta::assert_snapshot!("after", after);
    let diff = similar::TextDiff::from_lines(&before, &after)
        .unified_diff()
        .context_radius(1)
        .to_string();
    insta::assert_snapshot!("diff", diff);
    let changed: Vec<&str> = diff
        .lines()
        .filter(|line| {
            line.starts_with(['+', '-']) && !line.starts_with("+++") && !line.starts_with("---")
        })
        .collect();
    assert_eq!(
        changed,
        [
            "+  - date: 2026-04-15",
            "+    by: Elina Sandkulla",
            "+    note: \"Obs: inga ändringar\"",
            "-version: \"1.9\"",
            "+version: \"1.10\"",
        ]
    );
    // The result lints clean and is no longer due.
    let lint = run(proc()
        .current_dir(dir.path())
        .args(["lint", "--today", TODAY]));
    lint.assert_stdout_contains("0 errors");
    let due = run(proc()
        .current_dir(dir.path())
        .args(["due", "--today", TODAY]));
    assert_eq!((due.code, due.stdout.as_str()), (0, ""));
}

#[test]
fn refusals_leave_the_file_untouched() {
    let dir = repository();
    let before = std::fs::read(file(dir.path())).expect("read");
    for (args, message) in [
        (
            vec!["comments", "--by", "X", "--date", "2027-01-01"],
            "in the future",
        ),
        (
            vec!["comments", "--by", "X", "--date", "2023-01-01"],
            "before the last review (2023-04-20)",
        ),
        (
            vec!["comments-x", "--by", "X"],
            "there is no process with the id `comments-x`",
        ),
    ] {
        let output = review(dir.path(), &args);
        assert_eq!(output.code, 2, "{args:?}");
        assert!(
            output.stderr.contains(message),
            "{args:?}: {}",
            output.stderr
        );
        assert_eq!(
            std::fs::read(file(dir.path())).expect("read"),
            before,
            "{args:?} changed the file"
        );
    }
    // A file that does not lint clean is not edited.
    let broken = String::from_utf8(before.clone())
        .expect("utf-8")
        .replace("2018-05-08", "8.5.2018");
    std::fs::write(file(dir.path()), &broken).expect("write");
    let output = review(dir.path(), &["comments", "--by", "X"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("does not lint clean");
    assert_eq!(
        std::fs::read_to_string(file(dir.path())).expect("read"),
        broken
    );
}

#[test]
fn an_interrupted_write_leaves_the_original_intact() {
    let dir = repository();
    let path = file(dir.path());
    let before = std::fs::read(&path).expect("read");
    let result = proc::write::write_atomically(&path, "half a file", || {
        Err(std::io::Error::other("power cut"))
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read(&path).expect("read"), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("processes"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() != "comments.yaml")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temporary files left behind: {leftovers:?}"
    );
}

#[test]
fn an_empty_reviews_key_gets_the_first_review() {
    let dir = repository();
    let path = file(dir.path());
    let text = std::fs::read_to_string(&path).expect("read");
    let start = text.find("reviews:").expect("reviews");
    let end = text.find("# Version").expect("version comment");
    let emptied = format!("{}reviews:\n\n{}", &text[..start], &text[end..]);
    std::fs::write(&path, &emptied).expect("write");
    let output = review(
        dir.path(),
        &["comments", "--by", "Lea Gäddnäs", "--date", "2026-04-15"],
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    let after = std::fs::read_to_string(&path).expect("read");
    assert!(
        after.contains("reviews:\n  - date: 2026-04-15\n    by: Lea Gäddnäs\n\n# Version"),
        "{after}"
    );
}

const HEAD: &str =
    "id: a\nname: A\ngoal: Mål\nowner: Ägare\napproved:\n  date: 2021-05-14\n  by: Chef\n";
const TAIL: &str = "version: 1\nreview_cycle:\n  month: april\nsteps:\n  - name: Steg\n    what: Gör\n    responsible: [Roll]\n";

/// Writes `processes/a.yaml`, records a review by Elina on 2026-01-10, and returns the typed result.
fn review_of(text: &str) -> (common::Run, String, Option<proc::model::Process>) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    let path = dir.path().join("processes/a.yaml");
    std::fs::write(&path, text).expect("write");
    let output = run(proc().current_dir(dir.path()).args([
        "review",
        "a",
        "--by",
        "Elina",
        "--date",
        "2026-01-10",
        "--today",
        "2026-01-10",
    ]));
    let after = std::fs::read_to_string(&path).expect("read");
    let loaded = proc::load::load_text(path, after.clone());
    let process = loaded
        .root
        .as_ref()
        .and_then(|root| proc::model::Process::from_node(root).ok());
    (output, after, process)
}

fn reviews(process: &Option<proc::model::Process>) -> Vec<(String, String, Option<String>)> {
    process
        .as_ref()
        .map(|process| {
            process
                .reviews
                .iter()
                .map(|review| {
                    (
                        review.date.to_string(),
                        review.by.clone(),
                        review.note.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_new_review_never_lands_inside_a_text_of_the_previous_one() {
    for (case, fragment, note) in [
        (
            "multi-line quoted",
            "reviews:\n  - date: 2023-04-10\n    by: Anna\n    note: \"first line\n      second line\"\n",
            "first line second line",
        ),
        (
            "block with a # line",
            "reviews:\n  - date: 2023-04-10\n    by: Anna\n    note: |\n      Fixed issues:\n      #12 and #13\n",
            "Fixed issues:\n#12 and #13\n",
        ),
        (
            "dash alone on its line",
            "reviews:\n  -\n    date: 2023-04-10\n    by: Anna\n    note: Kort\n",
            "Kort",
        ),
    ] {
        let (output, after, process) = review_of(&format!("{HEAD}{fragment}{TAIL}"));
        assert_eq!(output.code, 0, "{case}: {}\n{after}", output.stderr);
        assert_eq!(
            reviews(&process),
            [
                (
                    "2023-04-10".to_owned(),
                    "Anna".to_owned(),
                    Some(note.to_owned())
                ),
                ("2026-01-10".to_owned(), "Elina".to_owned(), None)
            ],
            "{case}:\n{after}"
        );
    }
}

#[test]
fn empty_reviews_and_a_missing_final_newline_are_handled() {
    for (case, text) in [
        ("reviews: ~", format!("{HEAD}reviews: ~\n{TAIL}")),
        ("reviews: []", format!("{HEAD}reviews: []\n{TAIL}")),
        ("no final newline", format!("{TAIL}{}", HEAD.trim_end())),
        (
            "no final newline after reviews",
            format!("{TAIL}{HEAD}reviews:\n  - date: 2023-04-10\n    by: Anna"),
        ),
    ] {
        let (output, after, process) = review_of(&text);
        assert_eq!(output.code, 0, "{case}: {}\n{after}", output.stderr);
        let recorded = reviews(&process);
        assert_eq!(
            recorded
                .last()
                .map(|(date, by, _)| (date.as_str(), by.as_str())),
            Some(("2026-01-10", "Elina")),
            "{case}:\n{after}"
        );
    }
}

#[test]
fn the_same_review_twice_and_a_duplicate_id_are_refused() {
    let (output, ..) = review_of(&format!(
        "{HEAD}reviews:\n  - date: 2026-01-10\n    by: Elina\n{TAIL}"
    ));
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("already has a review by Elina on 2026-01-10");

    let dir = tempfile::tempdir().expect("a temporary directory");
    for folder in ["x", "y"] {
        std::fs::create_dir_all(dir.path().join("processes").join(folder)).expect("folder");
        std::fs::write(
            dir.path().join("processes").join(folder).join("a.yaml"),
            format!("{HEAD}{TAIL}"),
        )
        .expect("write");
    }
    let output = run(proc().current_dir(dir.path()).args([
        "review",
        "a",
        "--by",
        "Elina",
        "--today",
        "2026-01-10",
    ]));
    assert_eq!(output.code, 2, "{}", output.stdout);
    output.assert_stderr_contains("does not lint clean");
}

#[test]
fn values_shared_through_aliases_are_never_changed_behind_the_authors_back() {
    // `review_cycle.month: *x` reads the version: bumping it would move the review month as well.
    let text = format!(
        "{HEAD}{}",
        TAIL.replace("version: 1", "version: &x 1")
            .replace("month: april", "month: *x")
    );
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    let path = dir.path().join("processes/a.yaml");
    std::fs::write(&path, &text).expect("write");
    let output = run(proc().current_dir(dir.path()).args([
        "review",
        "a",
        "--by",
        "Elina",
        "--bump",
        "minor",
        "--today",
        "2026-01-10",
    ]));
    assert_eq!(output.code, 2, "{}", output.stdout);
    output
        .assert_stderr_contains("shared with other places through the anchor `&x` (used as `*x`)");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);

    // An anchored first review and an alias after it: the new review goes after the alias, as its own entry.
    let (output, after, process) = review_of(&format!(
        "{HEAD}reviews:\n  - &first\n    date: 2023-04-10\n    by: Anna\n  - *first\n{TAIL}"
    ));
    assert_eq!(output.code, 0, "{}\n{after}", output.stderr);
    assert!(
        after.contains("  - *first\n  - date: 2026-01-10\n"),
        "{after}"
    );
    assert_eq!(reviews(&process).len(), 3, "{after}");
}

#[test]
fn a_review_is_recorded_in_a_file_named_by_its_path() {
    let dir = repository();
    let absolute = file(dir.path());
    let absolute = absolute.to_str().expect("a UTF-8 path");
    for (path, date, shown) in [
        (
            "processes/comments.yaml",
            "2026-04-15",
            "processes/comments.yaml",
        ),
        (
            "./processes/comments.yaml",
            "2026-04-16",
            "processes/comments.yaml",
        ),
        (absolute, "2026-04-17", "processes/comments.yaml"),
    ] {
        let output = review(dir.path(), &[path, "--by", "Lea Gäddnäs", "--date", date]);
        assert_eq!(output.code, 0, "{path}: {}", output.stderr);
        assert_eq!(
            output.stdout,
            format!("Recorded the review of {date} in {shown}. Next review due 2027-04-30.\n"),
            "{path}"
        );
        let after = std::fs::read_to_string(file(dir.path())).expect("read");
        assert!(
            after.contains(&format!("  - date: {date}\n    by: Lea Gäddnäs\n")),
            "{path}:\n{after}"
        );
    }

    // A file outside the processes folder is checked on its own, as `proc lint FILE` checks it.
    std::fs::create_dir(dir.path().join("drafts")).expect("drafts/");
    let draft = dir.path().join("drafts/new-version.yaml");
    let text = std::fs::read_to_string(file(dir.path())).expect("read");
    std::fs::write(&draft, text.replace("id: comments", "id: new-version")).expect("write");
    let output = review(
        dir.path(),
        &[
            "drafts/new-version.yaml",
            "--by",
            "Elina Sandkulla",
            "--date",
            "2026-04-20",
        ],
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    output.assert_stdout_contains("Recorded the review of 2026-04-20 in drafts/new-version.yaml");
    let after = std::fs::read_to_string(&draft).expect("read");
    assert!(
        after.contains("  - date: 2026-04-20\n    by: Elina Sandkulla\n"),
        "{after}"
    );
}

#[test]
fn a_path_that_is_not_a_process_file_is_refused_in_plain_words() {
    let dir = repository();
    let before = std::fs::read(file(dir.path())).expect("read");
    std::fs::write(dir.path().join("notes.txt"), "id: comments\n").expect("write");
    for (argument, message) in [
        (
            "processes/does-not-exist.yaml",
            "error: there is no file processes/does-not-exist.yaml\nhelp: check the path, or name the process by its id",
        ),
        (
            "comments.yaml",
            "the process `comments` is processes/comments.yaml: write `proc review comments --by NAME`",
        ),
        (
            "processes",
            "processes is a folder: name one process file in it",
        ),
        ("./notes.txt", "./notes.txt is not a process file"),
    ] {
        let output = review(dir.path(), &[argument, "--by", "X", "--date", "2026-04-15"]);
        assert_eq!(output.code, 2, "{argument}: {output:?}");
        output.assert_stderr_contains(message);
        assert_eq!(output.stdout, "", "{argument}");
    }
    assert_eq!(std::fs::read(file(dir.path())).expect("read"), before);
    assert!(!dir.path().join("processes/does-not-exist.yaml").exists());
}

/// Issue 15: a draft (no `approved`) is not in use, so it is approved, not reviewed: `proc review` refuses it and
/// leaves the file as it was, and `proc due` does not list it, not even with `--all`.
#[test]
fn a_draft_is_not_reviewed_and_never_due() {
    let dir = repository();
    let text = std::fs::read_to_string(file(dir.path())).expect("read");
    let start = text.find("approved:\n").expect("the fixture is approved");
    let end = start
        + text[start..]
            .find("\nversion:")
            .expect("version follows the approval");
    let draft = format!("{}{}", &text[..start], &text[end + 1..]);
    std::fs::write(file(dir.path()), &draft).expect("write");
    let output = review(dir.path(), &["comments", "--by", "X"]);
    assert_eq!(output.code, 2, "{output:?}");
    output.assert_stderr_contains("a draft is approved, not reviewed");
    assert_eq!(
        std::fs::read_to_string(file(dir.path())).expect("read"),
        draft
    );

    let due = run(proc().current_dir(dir.path()).args([
        "due",
        "processes",
        "--all",
        "--format",
        "csv",
        "--today",
        TODAY,
    ]));
    assert_eq!(due.code, 0, "{due:?}");
    assert!(!due.stdout.contains("comments"), "{}", due.stdout);
}
