//! Problems found in review, each pinned by a test that fails if it comes back.

use crate::common::{self, json_rules, lint, run};

use std::path::Path;

const VALID_HEAD: &str = "id: case
name: Fall
goal: Ett mål
owner: Ägare
approved:
  date: 2018-05-08
  by: Direktör
version: 1
review_cycle:
  month: april
";

fn lint_text(name: &str, text: &str, extra: &[&str]) -> common::Run {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join(name), text).expect("write");
    run(lint().current_dir(dir.path()).args(extra).arg(name))
}

#[test]
fn the_human_header_counts_columns_in_characters_like_json() {
    let text = format!(
        "{VALID_HEAD}steps:\n  - {{name: Bedömning, what: 'Se <br> här', responsible: [Läkare]}}\n"
    );
    let human = lint_text("case.yaml", &text, &[]);
    let json = lint_text("case.yaml", &text, &["--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    let finding = &document["findings"][0];
    let at = format!("case.yaml:{}:{}]", finding["line"], finding["column"]);
    assert!(
        human.stdout.contains(&at),
        "expected {at} in:\n{}",
        human.stdout
    );
}

#[test]
fn tabs_inside_a_block_text_are_content_not_indentation() {
    let text = format!(
        "{VALID_HEAD}steps:\n  - name: Steg\n    what: |\n      Gör så här:\n      \tett med tab\n    responsible: [Läkare]\n"
    );
    let output = lint_text("case.yaml", &text, &["--format", "json"]);
    assert_eq!(
        json_rules(&output.stdout),
        Vec::<String>::new(),
        "{}",
        output.stdout
    );
    assert_eq!(output.code, 0);
}

#[test]
fn a_yaml_1_1_boolean_in_text_is_one_warning_not_a_type_error() {
    let text = format!(
        "{VALID_HEAD}steps:\n  - name: Steg\n    what: Bedöm\n    evaluation: no\n    responsible: [Läkare]\n"
    );
    let output = lint_text("case.yaml", &text, &["--format", "json"]);
    assert_eq!(
        json_rules(&output.stdout),
        ["ambiguous-scalar"],
        "{}",
        output.stdout
    );
}

#[test]
fn an_empty_list_entry_is_reported_once() {
    let text = format!(
        "{VALID_HEAD}authors:\n  -\n  - Lea\nsteps:\n  - name: Steg\n    what: Bedöm\n    responsible: [Läkare]\n"
    );
    let output = lint_text("case.yaml", &text, &["--format", "json"]);
    assert_eq!(
        json_rules(&output.stdout),
        ["empty-text"],
        "{}",
        output.stdout
    );
}

#[test]
fn control_characters_in_a_file_do_not_reach_the_terminal() {
    // Raw in the file (shown in the snippet of the syntax error) …
    let text = format!("{VALID_HEAD}colour: \u{1b}[31mröd\u{7f}\n");
    let output = lint_text("case.yaml", &text, &[]);
    output.assert_stdout_contains("invalid-yaml");
    assert!(
        !output.stdout.contains('\u{1b}') && !output.stdout.contains('\u{7f}'),
        "{:?}",
        output.stdout
    );
    // … and escaped in a quoted value (quoted back in the message).
    let text = VALID_HEAD.replace("month: april", "month: \"\\e[31mapril\"");
    let output = lint_text("case.yaml", &text, &[]);
    output.assert_stdout_contains("invalid-month");
    assert!(!output.stdout.contains('\u{1b}'), "{:?}", output.stdout);
}

#[test]
#[cfg(unix)]
fn a_folder_reached_twice_through_a_symlink_is_checked_once() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let folder = dir.path().join("processer");
    std::fs::create_dir(&folder).expect("folder");
    let text =
        format!("{VALID_HEAD}steps:\n  - name: Steg\n    what: Bedöm\n    responsible: [Läkare]\n");
    std::fs::write(folder.join("case.yaml"), text).expect("write");
    std::os::unix::fs::symlink("..", folder.join("upp")).expect("symlink");
    let output = run(lint()
        .current_dir(dir.path())
        .args(["--format", "json", "processer"]));
    assert!(
        !json_rules(&output.stdout).contains(&"duplicate-id".to_owned()),
        "{}",
        output.stdout
    );
}

#[test]
fn a_placeholder_in_a_markdown_link_points_at_the_target() {
    let text = format!(
        "{VALID_HEAD}steps:\n  - name: Steg\n    what: Se [lagen](#) först\n    responsible: [Läkare]\n"
    );
    let output = lint_text("case.yaml", &text, &["--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
    let finding = &document["findings"][0];
    assert_eq!(finding["rule"], "placeholder-link");
    assert_eq!(
        (finding["line"].as_u64(), finding["column"].as_u64()),
        (Some(13), Some(22))
    );
    assert!(!finding["help"].as_str().unwrap_or_default().contains("url"));
}

#[test]
fn a_missing_path_prints_no_summary() {
    let output = run(lint().arg(Path::new("no/such/folder")));
    assert_eq!(output.code, 2);
    assert!(output.stdout.is_empty(), "{}", output.stdout);
    output.assert_stderr_contains("no such file or directory");
}
