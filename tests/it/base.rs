//! `proc lint --base REV`: a process whose content changed since the base revision must get a new version.

use crate::common::{json_rules, lint, run};

use std::path::Path;

const PROCESS: &str = "# Kommentar
id: hembesok
name: Hembesök
goal: Stöd till familjen
owner: Elina Sandkulla
approved:
  date: 2018-05-08
  by: Direktör
version: 1
review_cycle:
  month: april
steps:
  - name: Besök
    what: Hembesök hos familjen
    responsible: [Hälsovårdare]
";

fn git(dir: &Path, args: &[&str]) {
    crate::common::git_as(dir, "Test", None, args);
}

/// A repository with the process committed, then changed in the working tree by `change`.
fn changed(change: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    let file = dir.path().join("processes/hembesok.yaml");
    std::fs::write(&file, PROCESS).expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    std::fs::write(&file, change(PROCESS)).expect("write");
    dir
}

fn rules_against_head(dir: &Path) -> (i32, Vec<String>) {
    let output = run(lint()
        .current_dir(dir)
        .args(["--format", "json", "--base", "HEAD"]));
    (output.code, json_rules(&output.stdout))
}

#[test]
fn a_changed_process_with_the_same_version_is_an_error() {
    let dir = changed(|text| text.replace("Stöd till familjen", "Stöd till barnet och familjen"));
    assert_eq!(
        rules_against_head(dir.path()),
        (1, vec!["version-not-bumped".to_owned()])
    );
    let human = run(lint().current_dir(dir.path()).args(["--base", "HEAD"]));
    insta::assert_snapshot!("version_not_bumped", human.stdout);
}

#[test]
fn a_new_version_comments_layout_and_reviews_need_nothing_more() {
    let bumped = changed(|text| {
        text.replace("Stöd till familjen", "Stöd till barnet")
            .replace("version: 1", "version: 1.1")
    });
    assert_eq!(rules_against_head(bumped.path()), (0, vec![]));
    let comments = changed(|text| {
        text.replace("# Kommentar", "# En annan kommentar")
            .replace("[Hälsovårdare]", "[ Hälsovårdare ]")
    });
    assert_eq!(rules_against_head(comments.path()), (0, vec![]));
    let reviewed = changed(|text| {
        text.replace(
            "version: 1\n",
            "reviews:\n  - {date: 2026-04-20, by: Elina Sandkulla}\nversion: 1\n",
        )
    });
    assert_eq!(rules_against_head(reviewed.path()), (0, vec![]));
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    let dir = changed(|text| text.to_owned());
    let output = run(lint()
        .current_dir(dir.path())
        .args(["--base", "no-such-revision"]));
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("`no-such-revision` is not a revision");
}

#[test]
fn a_lower_or_merely_rewritten_version_is_not_a_new_version() {
    let lower = changed(|text| {
        text.replace("Stöd till familjen", "Stöd till barnet")
            .replace("version: 1", "version: 0.9")
    });
    assert_eq!(
        rules_against_head(lower.path()),
        (1, vec!["version-not-bumped".to_owned()])
    );
    let rewritten = changed(|text| {
        text.replace("Stöd till familjen", "Stöd till barnet")
            .replace("version: 1", "version: \"1.0\"")
    });
    assert_eq!(
        rules_against_head(rewritten.path()),
        (1, vec!["version-not-bumped".to_owned()])
    );
}

/// Issue 15: `proc diff REV` says what changed since REV as a reader would: fields, roles, steps, the version;
/// files added (tracked or not) and removed; nothing at all when nothing changed.
#[test]
fn proc_diff_says_what_changed_since_a_revision() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    std::fs::write(dir.path().join("processes/hembesok.yaml"), PROCESS).expect("write");
    let old = PROCESS
        .replace("id: hembesok", "id: gammal")
        .replace("name: Hembesök", "name: Gammal");
    std::fs::write(dir.path().join("processes/gammal.yaml"), &old).expect("write");
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    let diff = |args: &[&str]| {
        run(crate::common::proc()
            .current_dir(dir.path())
            .arg("diff")
            .args(args))
    };
    let nothing = diff(&["HEAD"]);
    assert_eq!((nothing.code, nothing.stdout.as_str()), (0, ""));

    let changed = PROCESS
        .replace("owner: Elina Sandkulla", "owner: Anna Berg")
        .replace("version: 1", "version: 1.1")
        .replace("  - name: Besök", "  - name: Hembesök")
        .replace("[Hälsovårdare]", "[Hälsovårdare, Psykolog]");
    std::fs::write(dir.path().join("processes/hembesok.yaml"), changed).expect("write");
    git(dir.path(), &["rm", "-q", "processes/gammal.yaml"]);
    let new = PROCESS
        .replace("id: hembesok", "id: ny")
        .replace("name: Hembesök", "name: Ny");
    std::fs::write(dir.path().join("processes/ny.yaml"), new).expect("write");

    let text = diff(&["HEAD"]);
    assert_eq!(text.code, 0, "{text:?}");
    assert_eq!(
        text.stdout,
        "processes/hembesok.yaml (Hembesök)
  - owner changed from \"Elina Sandkulla\" to \"Anna Berg\"
  - version 1 → 1.1
  - step 1 \"Besök\" renamed to \"Hembesök\"
  - role \"Psykolog\" added to step 1
processes/ny.yaml (Ny)
  - new process
processes/gammal.yaml (Gammal)
  - process removed
"
    );
    let markdown = diff(&["HEAD", "--format", "markdown"]);
    assert!(
        markdown
            .stdout
            .starts_with("### Hembesök (`processes/hembesok.yaml`)\n\n- owner changed from *Elina Sandkulla* to *Anna Berg*\n"),
        "{}",
        markdown.stdout
    );
    let json = diff(&["HEAD", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(
        document["files"][0]["changes"][2],
        "step 1 \"Besök\" renamed to \"Hembesök\""
    );

    let unknown = diff(&["no-such-revision"]);
    assert_eq!(unknown.code, 2);
    unknown.assert_stderr_contains("`no-such-revision` is not a revision");
}
