//! `proc lint --fix`: every fixable rule's fixture is fixed, only its lines change, a second run changes nothing,
//! and `proc fmt` is stable on the result.

use std::path::{Path, PathBuf};

use crate::common::{self, fixture, lint, proc, root, run};

/// The rules whose fixtures in `tests/fixtures/fix/` `--fix` repairs, and whether their fix needs `--unsafe-fixes`
/// (the fixtures of comment-in-text and folded-text hold a case that only a guessing fix can repair, and a misspelt
/// month is a guess).
const FIXABLE: &[(&str, bool)] = &[
    ("ambiguous-scalar", false),
    ("legacy-date", false),
    ("inline-list", false),
    ("comment-in-text", true),
    ("curly-quotes", false),
    ("folded-text", true),
    ("invisible-character", false),
    ("tab-indent", false),
    ("unknown-key", true),
    ("invalid-yaml", false),
    ("invalid-month", true),
    ("wrong-type", false),
    ("invalid-version", false),
];

/// A copy of a rule's fixture in a folder of its own (the file name is the id, so it keeps its name).
fn scratch(rule: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join(format!("{rule}.yaml"));
    std::fs::copy(root().join(fixture(&format!("fix/{rule}.yaml"))), &path).expect("copy");
    (dir, path)
}

fn json(path: &Path) -> serde_json::Value {
    let out = run(lint().args(["--format", "json"]).arg(path));
    serde_json::from_str(&out.stdout).expect("JSON output")
}

/// The 1-based lines the findings of `rule` cover.
fn finding_lines(document: &serde_json::Value, rule: &str) -> Vec<usize> {
    let mut lines = Vec::new();
    for finding in document["findings"].as_array().into_iter().flatten() {
        if finding["rule"] == rule {
            let start = finding["line"].as_u64().unwrap_or(0) as usize;
            let end = finding["end_line"].as_u64().unwrap_or(0) as usize;
            lines.extend(start..=end);
        }
    }
    lines
}

#[test]
fn every_fix_clears_its_rule_changes_only_its_lines_and_is_stable() {
    for (rule, needs_unsafe) in FIXABLE {
        let (_dir, path) = scratch(rule);
        let before = std::fs::read_to_string(&path).expect("read");
        let found = json(&path);
        let lines = finding_lines(&found, rule);
        assert!(!lines.is_empty(), "the fixture of `{rule}` breaks it");
        for finding in found["findings"].as_array().into_iter().flatten() {
            assert!(
                finding["fix"]["edits"]
                    .as_array()
                    .is_some_and(|e| !e.is_empty()),
                "every `{rule}` finding offers a fix: {finding}"
            );
        }

        let mut command = lint();
        command.arg("--fix");
        if *needs_unsafe {
            command.arg("--unsafe-fixes");
        }
        let fixed = run(command.arg(&path));
        assert_eq!(
            fixed.code, 0,
            "`{rule}` fixed lints clean:\n{}{}",
            fixed.stdout, fixed.stderr
        );
        assert!(fixed.stdout.contains("Fixed "), "{}", fixed.stdout);
        assert!(
            fixed.stdout.contains(&format!("[{rule}]")),
            "{}",
            fixed.stdout
        );
        let after = std::fs::read_to_string(&path).expect("read");
        assert!(
            json(&path)["findings"]
                .as_array()
                .is_some_and(Vec::is_empty),
            "{after}"
        );

        // Only the lines of the findings changed: every other line is there, in order, byte for byte.
        let diff = similar::TextDiff::from_lines(&before, &after);
        for change in diff.iter_all_changes() {
            if change.tag() == similar::ChangeTag::Delete {
                let line = change.old_index().map_or(0, |index| index + 1);
                assert!(
                    lines.contains(&line),
                    "`{rule}`: line {line} changed but no finding is there:\n{before}\n---\n{after}"
                );
            }
        }

        let again = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
        assert!(again.stdout.contains("Nothing to fix."), "{}", again.stdout);
        assert_eq!(std::fs::read_to_string(&path).expect("read"), after);

        let formatted = run(proc().arg("fmt").arg(&path));
        assert_eq!(formatted.code, 0, "{}", formatted.stderr);
        let check = run(proc().args(["fmt", "--check"]).arg(&path));
        assert_eq!(
            check.code, 0,
            "fmt is stable after --fix of `{rule}`: {}",
            check.stderr
        );
        assert_eq!(run(lint().arg(&path)).code, 0, "still clean after fmt");
    }
}

#[test]
fn a_fix_keeps_the_byte_order_mark_and_crlf_line_endings() {
    let (_dir, path) = scratch("comment-in-text");
    let text = std::fs::read_to_string(&path).expect("read");
    let windows = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
    std::fs::write(&path, &windows).expect("write");
    let fixed = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
    assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
    let after = std::fs::read_to_string(&path).expect("read");
    assert!(after.starts_with('\u{FEFF}'), "the BOM is kept");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(
        after.contains("\r\n# vastaa myös sijaisista\r\nowner: Palvelupäällikkö\r\n"),
        "{after:?}"
    );
    assert!(after.contains("goal: \"Hakemukset käsitellään 7 arkipäivän kuluessa #tavoite\"\r\n"));
}

#[test]
fn safe_fixes_leave_the_guesses_and_say_so() {
    let (_dir, path) = scratch("comment-in-text");
    let fixed = run(lint().arg("--fix").arg(&path));
    assert_eq!(
        fixed.code, 1,
        "the comment that looks like a comment is left:\n{}",
        fixed.stdout
    );
    let after = std::fs::read_to_string(&path).expect("read");
    assert!(
        after.contains("owner: Palvelupäällikkö  # vastaa myös sijaisista"),
        "{after}"
    );
    assert!(after.contains("- \"Arvio tehty #1 tavoite\""), "{after}");
    assert!(
        fixed
            .stdout
            .contains("1 problem can be fixed with `proc lint --fix --unsafe-fixes`"),
        "{}",
        fixed.stdout
    );
}

#[test]
fn diff_shows_the_fix_and_writes_nothing() {
    let (_dir, path) = scratch("legacy-date");
    let before = std::fs::read_to_string(&path).expect("read");
    let shown = run(lint().arg("--diff").arg(&path));
    assert_eq!(shown.code, 1, "something to fix: exit 1");
    assert!(
        shown
            .stdout
            .contains("-  date: 8.5.2018\n+  date: 2018-05-08\n"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stderr.contains("Would fix 1 problem in 1 file"),
        "{}",
        shown.stderr
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[test]
fn a_file_that_cannot_be_read_as_yaml_is_left_as_it_is() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("broken.yaml");
    let text = "id: broken\ndate: 8.5.2018\nname: \"never closed\n";
    std::fs::write(&path, text).expect("write");
    let fixed = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
    assert_eq!(fixed.code, 1);
    assert!(fixed.stdout.contains("Nothing to fix."), "{}", fixed.stdout);
    assert!(fixed.stdout.contains("invalid-yaml"), "{}", fixed.stdout);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
}

#[test]
fn unsafe_fixes_alone_is_a_usage_error() {
    let out = run(lint()
        .arg("--unsafe-fixes")
        .arg(common::fixture("fix/legacy-date.yaml")));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--fix"), "{}", out.stderr);
}

/// A rule that offers a fix on its fixture is in [`FIXABLE`], so its fix is tested above.
#[test]
fn every_rule_that_offers_a_fix_is_tested() {
    // The rule fixtures, folders of several files included.
    let mut folders = vec![root().join(fixture("rules"))];
    let mut files = Vec::new();
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("the rule fixtures") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path
                .extension()
                .is_some_and(|extension| extension == "yaml")
            {
                files.push(path);
            }
        }
    }
    for path in files {
        for finding in json(&path)["findings"].as_array().into_iter().flatten() {
            let rule = finding["rule"].as_str().unwrap_or_default();
            if finding.get("fix").is_some() {
                assert!(
                    FIXABLE.iter().any(|(name, _)| *name == rule),
                    "`{rule}` offers a fix in {}: add it to FIXABLE",
                    path.display()
                );
            }
        }
    }
}

/// The README's draft with typical mistakes: `--fix` makes the safe fixes, `--unsafe-fixes` the guesses (the
/// misspelt key and month), and what no fix can know (who is responsible) is left.
#[test]
fn the_tour_draft_is_fixed_but_for_what_only_its_author_knows() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("anknytning-utkast.yaml");
    std::fs::copy(root().join("docs/tour/anknytning-utkast.yaml"), &path).expect("copy");
    let safe = run(lint().arg("--fix").arg(&path));
    assert!(
        safe.stdout
            .contains("[legacy-date] write the date as 2018-05-08"),
        "{}",
        safe.stdout
    );
    assert!(safe.stdout.contains("[inline-list]"), "{}", safe.stdout);
    assert!(
        !safe.stdout.contains("[unknown-key] rename"),
        "a guess waits for --unsafe-fixes"
    );
    let guessed = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
    assert!(
        guessed
            .stdout
            .contains("[unknown-key] rename `ownr` to `owner`"),
        "{}",
        guessed.stdout
    );
    assert!(
        guessed.stdout.contains("[invalid-month] write `april`"),
        "{}",
        guessed.stdout
    );
    let left: Vec<String> =
        common::json_rules(&run(lint().args(["--format", "json"]).arg(&path)).stdout);
    assert_eq!(
        left,
        ["no-responsible"],
        "{}",
        std::fs::read_to_string(&path).unwrap_or_default()
    );
}

/// The README's tour shows the real output of `proc lint docs/tour`, fix notes and all.
#[test]
fn the_readme_tour_shows_the_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let shown = readme
        .split("$ proc lint docs/tour\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README shows `proc lint docs/tour`");
    let out = run(lint().arg("docs/tour"));
    assert_eq!(shown, out.stdout, "update the tour in README.md");
}

/// With a machine format, stdout stays one JSON document: what was fixed goes to stderr.
#[test]
fn fix_with_json_output_keeps_stdout_json() {
    let (dir, path) = scratch("legacy-date");
    let out = run(lint().args(["--fix", "--format", "json"]).arg(dir.path()));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let document: serde_json::Value = serde_json::from_str(&out.stdout).expect("stdout is JSON");
    assert_eq!(document["summary"]["errors"], 0);
    assert!(
        out.stderr
            .contains("[legacy-date] write the date as 2018-05-08"),
        "{}",
        out.stderr
    );
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("date: 2018-05-08")
    );
}
