//! `proc approve`: a draft becomes approved with a minimal edit; refusals leave the file as it was.

use std::path::Path;

use crate::common::{self, proc, run};

const TODAY: &str = "2026-11-25";

/// The draft example (Grästorp) in a folder of its own, with CRLF line ends when asked.
fn draft(dir: &Path, crlf: bool) -> String {
    std::fs::create_dir(dir.join("processes")).expect("processes/");
    let mut text =
        std::fs::read_to_string(common::root().join("processes/utokade-hembesok-i-grastorp.yaml"))
            .expect("the draft example");
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    std::fs::write(
        dir.join("processes/utokade-hembesok-i-grastorp.yaml"),
        &text,
    )
    .expect("write");
    text
}

fn approve(dir: &Path, args: &[&str]) -> common::Run {
    run(proc()
        .current_dir(dir)
        .args(["approve", "utokade-hembesok-i-grastorp", "--today", TODAY])
        .args(args))
}

fn lint_in(dir: &Path) -> common::Run {
    run(proc()
        .current_dir(dir)
        .args(["lint", "processes", "--color", "never", "--today", TODAY]))
}

fn read(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("processes/utokade-hembesok-i-grastorp.yaml")).expect("read")
}

#[test]
fn a_draft_gets_its_approval_and_nothing_else_changes() {
    for crlf in [false, true] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let before = draft(dir.path(), crlf);
        let newline = if crlf { "\r\n" } else { "\n" };
        let lint = lint_in(dir.path());
        lint.assert_stdout_contains("warning[draft]");

        let output = approve(
            dir.path(),
            &[
                "--by",
                "Socialdirektör Anna Berg: beslut 12/2026",
                "--bump",
                "minor",
            ],
        );
        assert_eq!(output.code, 0, "{output:?}");
        assert_eq!(
            output.stdout,
            "Recorded the approval of 2026-11-25 in processes/utokade-hembesok-i-grastorp.yaml, version 1 → 1.1. \
             It has no review cycle, so no review will fall due.\n"
        );
        // The approval goes above the comments that belong to `version`; a `: ` in the name is quoted.
        let block = format!(
            "approved:{newline}  date: 2026-11-25{newline}  by: \"Socialdirektör Anna Berg: beslut 12/2026\"{newline}\
             # The report gives no approval"
        );
        let expected = before
            .replacen("# The report gives no approval", &block, 1)
            .replacen(
                &format!("version: 1{newline}"),
                &format!("version: 1.1{newline}"),
                1,
            );
        assert_eq!(read(dir.path()), expected, "crlf: {crlf}");
        let lint = lint_in(dir.path());
        assert!(!lint.stdout.contains("warning[draft]"), "{}", lint.stdout);
        assert_eq!(lint.code, 0);

        // Approved once: approved again is refused, and the file stays.
        let again = approve(dir.path(), &["--by", "Någon annan"]);
        assert_eq!(again.code, 2);
        again.assert_stderr_contains(
            "already approved (on 2026-11-25 by Socialdirektör Anna Berg: beslut 12/2026)",
        );
        assert_eq!(read(dir.path()), expected);
    }
}

#[test]
fn refusals_leave_the_draft_untouched() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let before = draft(dir.path(), false);
    for (args, message) in [
        (
            vec!["--by", "  "],
            "--by must name who approved the process",
        ),
        (
            vec!["--by", "Anna Berg", "--date", "2027-01-01"],
            "the approval date 2027-01-01 is in the future (today is 2026-11-25)",
        ),
        (
            vec![
                "--by",
                "Anna Berg",
                "--bump",
                "major",
                "--date",
                "2026-13-01",
            ],
            "2026-13-01",
        ),
    ] {
        let output = approve(dir.path(), &args);
        assert_eq!(output.code, 2, "{args:?}: {output:?}");
        output.assert_stderr_contains(message);
        assert_eq!(read(dir.path()), before, "{args:?}");
    }
    // A file with lint errors is not approved.
    let broken = before.replacen("version: 1", "version: 1\nversion: 2", 1);
    std::fs::write(
        dir.path()
            .join("processes/utokade-hembesok-i-grastorp.yaml"),
        &broken,
    )
    .expect("write");
    let output = approve(dir.path(), &["--by", "Anna Berg"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("does not lint clean, so no approval was recorded");
    assert_eq!(read(dir.path()), broken);
}
