//! Input that is broken, hostile or not a process at all: every case ends with a clear message and the right exit
//! code, and never with a panic (checked for every run by `common::run`) or a hang (the timeout in `common::proc`).

use crate::common::{self, Run, lint, run};

use std::path::Path;

const VALID: &str = small_process!("valid");

fn lint_fixture(path: &str) -> Run {
    run(lint().arg(Path::new("tests/fixtures").join(path)))
}

/// Lints `args` with `dir` as the working directory (so that paths in messages are short and stable).
fn lint_in(dir: &Path, args: &[&str]) -> Run {
    run(lint().current_dir(dir).args(args))
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), contents).expect("write a test file");
}

/// The (line, column) of every finding of `rule` in the JSON output for one file.
fn positions(path: &str, rule: &str) -> Vec<(u64, u64)> {
    let output = run(lint()
        .args(["--format", "json"])
        .arg(Path::new("tests/fixtures").join(path)));
    let document: serde_json::Value = serde_json::from_str(&output.stdout).expect("valid JSON");
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|finding| finding["rule"] == rule)
        .map(|finding| {
            (
                finding["line"].as_u64().unwrap_or(0),
                finding["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn invalid_yaml_says_where() {
    let result = lint_fixture("fix/invalid-yaml.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains(
        "error[invalid-yaml]: the text of `goal` cannot be read as it is written: the text holds `: `",
    );
    result.assert_stdout_contains("[tests/fixtures/fix/invalid-yaml.yaml:3:");
    assert!(
        result
            .stdout
            .contains("put the whole text in straight quotes; the line then reads:\n        goal: \"Målet: barnets välmående\""),
        "the help says how to fix it:\n{}",
        result.stdout
    );
    // Line 3 is `goal: Målet: barnets välmående`: the parser stops at the second `:`, character 12.
    assert_eq!(
        positions("fix/invalid-yaml.yaml", "invalid-yaml"),
        [(3, 12)]
    );
}

#[test]
fn a_file_that_is_not_utf8_names_the_byte_and_the_letter() {
    let result = lint_fixture("bad-input/not-utf8.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[not-utf8]: the file is not UTF-8: byte 0xF6");
    result.assert_stdout_contains("probably `ö` saved as Latin-1");
    assert_eq!(positions("bad-input/not-utf8.yaml", "not-utf8"), [(2, 12)]);
}

#[test]
fn empty_and_comment_only_files_are_empty() {
    let result = lint_fixture("bad-input/empty-file.yaml");
    assert_eq!(result.code, 1);
    assert!(result.stdout.contains(
        "error[empty-file]: tests/fixtures/bad-input/empty-file.yaml: the file is empty"
    ));

    let dir = tempdir();
    write(
        dir.path(),
        "comments.yaml",
        "# yaml-language-server: $schema=x\n\n   \n# nothing yet\n",
    );
    write(dir.path(), "blank.yaml", "\n\n  \n");
    let result = lint_in(dir.path(), &["blank.yaml", "comments.yaml"]);
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stdout.matches("error[empty-file]: ").count(),
        2,
        "{}",
        result.stdout
    );
}

#[test]
fn several_documents_point_at_the_second() {
    let result = lint_fixture("bad-input/multiple-documents.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("a second YAML document starts here");
    assert_eq!(
        positions("bad-input/multiple-documents.yaml", "multiple-documents"),
        [(16, 1)]
    );
}

#[test]
fn duplicate_keys_show_both_places() {
    let result = lint_fixture("bad-input/duplicate-key.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("`owner` appears twice here (first on line 4)");
    assert!(result.stdout.contains("first time") && result.stdout.contains("second time"));
    assert_eq!(
        positions("bad-input/duplicate-key.yaml", "duplicate-key"),
        [(8, 1)]
    );
}

#[test]
fn tabs_in_the_indentation_are_named_as_such() {
    let result = lint_fixture("fix/tab-indent.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[tab-indent]: this line is indented with a tab");
    assert!(
        !result.stdout.contains("[invalid-yaml]"),
        "the tab is the one problem reported:\n{}",
        result.stdout
    );
    assert_eq!(positions("fix/tab-indent.yaml", "tab-indent"), [(6, 1)]);
}

#[test]
fn an_alias_bomb_is_refused() {
    let result = lint_fixture("bad-input/yaml-limits.yaml");
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[yaml-limits]: the YAML was refused");
}

fn nested(levels: usize) -> String {
    format!(
        "id: deep\nname: {}{}\n",
        "[".repeat(levels),
        "]".repeat(levels)
    )
}

#[test]
fn deep_nesting_is_refused() {
    let dir = tempdir();
    write(dir.path(), "deep.yaml", nested(100));
    let result = lint_in(dir.path(), &["deep.yaml"]);
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    result.assert_stdout_contains("error[yaml-limits]: the YAML was refused");
}

#[test]
fn very_deep_nesting_ends_with_a_finding() {
    // 10,000 levels hit the parser's own recursion limit before the depth budget: today that is reported as
    // invalid-yaml ("recursion limit exceeded"), not yaml-limits. Either way it must end quickly with exit 1.
    let dir = tempdir();
    write(dir.path(), "deep.yaml", nested(10_000));
    let result = lint_in(dir.path(), &["deep.yaml"]);
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    assert!(
        result.stdout.contains("error[yaml-limits]: ")
            || result.stdout.contains("error[invalid-yaml]: "),
        "{}",
        result.stdout
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_read() {
    let result = run(lint()
        .args([
            "--config",
            "tests/fixtures/bad-input/file-too-large/proc.toml",
        ])
        .arg("tests/fixtures/bad-input/file-too-large/file-too-large.yaml"));
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[file-too-large]: ");
    result.assert_stdout_contains("more than the limit of 100 bytes, so it was not read");
}

#[test]
fn a_directory_without_process_files_is_an_error() {
    let dir = tempdir();
    std::fs::create_dir(dir.path().join("processes")).expect("mkdir");
    write(&dir.path().join("processes"), "README.md", "# Processes\n");
    let result = lint_in(dir.path(), &["processes"]);
    assert_eq!(result.code, 2);
    result.assert_stderr_contains(
        "error: processes: no process files (*.yaml or *.yml) in this directory",
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_does_not_hang() {
    let dir = tempdir();
    let processes = dir.path().join("processes");
    std::fs::create_dir(&processes).expect("mkdir");
    write(&processes, "valid.yaml", VALID);
    std::os::unix::fs::symlink(".", processes.join("loop")).expect("symlink");
    let result = lint_in(dir.path(), &["processes"]);
    assert_eq!(result.code, 2, "{}{}", result.stdout, result.stderr);
    result.assert_stderr_contains("processes/loop: ");
    result.assert_stderr_contains("(a symlink loop)");
    // The file beside the loop is still checked, once.
    result.assert_stdout_contains("Checked 1 file: 0 errors, 0 warnings.");
}

#[cfg(unix)]
#[test]
fn a_file_symlink_to_itself_is_reported() {
    let dir = tempdir();
    std::os::unix::fs::symlink("self.yaml", dir.path().join("self.yaml")).expect("symlink");
    let result = lint_in(dir.path(), &["self.yaml"]);
    assert_eq!(result.code, 2);
    result.assert_stderr_contains(
        "self.yaml: a symbolic link that leads back to itself (a symlink loop)",
    );
}

#[test]
fn a_path_that_does_not_exist_is_an_error() {
    let result = run(lint().arg("tests/fixtures/does-not-exist.yaml"));
    assert_eq!(result.code, 2);
    result.assert_stderr_contains(
        "error: tests/fixtures/does-not-exist.yaml: no such file or directory",
    );
}

#[test]
fn binary_garbage_is_refused() {
    let dir = tempdir();
    // A PNG header: not UTF-8 from the first byte.
    write(
        dir.path(),
        "image.yaml",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    let result = lint_in(dir.path(), &["image.yaml"]);
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[not-utf8]: the file is not UTF-8: byte 0x89");

    // Control characters that are valid UTF-8 but not YAML.
    write(
        dir.path(),
        "program.yaml",
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0",
    );
    let result = lint_in(dir.path(), &["program.yaml"]);
    assert_eq!(result.code, 1);
    result.assert_stdout_contains("error[invalid-yaml]: the file is not valid YAML");
}

#[test]
fn a_top_level_list_or_scalar_is_not_a_process() {
    let dir = tempdir();
    write(
        dir.path(),
        "list.yaml",
        "- id: list\n- name: Oro för anknytning\n",
    );
    write(dir.path(), "scalar.yaml", "Oro för anknytning\n");
    for (file, kind) in [("list.yaml", "a list"), ("scalar.yaml", "text")] {
        let result = lint_in(dir.path(), &[file]);
        assert_eq!(result.code, 1, "{file}");
        result.assert_stdout_contains("error[wrong-type]: a process file must be a group of keys");
        let json = lint_in(dir.path(), &["--format", "json", file]);
        let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("valid JSON");
        let message = format!(
            "a process file must be a group of keys (`id:`, `name:` …), but this one is {kind}"
        );
        assert_eq!(
            document["findings"][0]["message"],
            message.as_str(),
            "{file}"
        );
    }
}

#[test]
fn an_unknown_rule_in_proc_toml_is_refused_with_a_suggestion() {
    let dir = tempdir();
    write(
        dir.path(),
        "proc.toml",
        "[rules]\nplaceholder-links = \"off\"\n",
    );
    write(dir.path(), "valid.yaml", VALID);
    // Found by looking upward from the working directory.
    let sub = dir.path().join("processes");
    std::fs::create_dir(&sub).expect("mkdir");
    let result = lint_in(&sub, &["../valid.yaml"]);
    assert_eq!(result.code, 2, "{}{}", result.stdout, result.stderr);
    result.assert_stderr_contains(
        "[rules] names `placeholder-links`, which is not a rule (did you mean `placeholder-link`?)",
    );
    assert!(
        result.stderr.contains("proc.toml: "),
        "the message names the file:\n{}",
        result.stderr
    );
    assert_eq!(
        result.stdout, "",
        "nothing is linted with a broken configuration"
    );

    // The same through --config, and an unknown key.
    write(dir.path(), "other.toml", "proceses = \"docs\"\n");
    let result = lint_in(dir.path(), &["--config", "other.toml", "valid.yaml"]);
    assert_eq!(result.code, 2);
    result.assert_stderr_contains("other.toml: ");
    result.assert_stderr_contains("proceses");
}

#[test]
fn a_malformed_today_is_a_usage_error() {
    let result = run(common::proc().args(["lint", "--today", "2026-02-30", "processes"]));
    assert_eq!(result.code, 2);
    result.assert_stderr_contains("February 2026 has 28 days");
}
