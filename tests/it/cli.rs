//! The command line's finish: `proc list`, shell completions, the manual page, `--help` and `--version`.

use crate::common;

#[test]
fn list_shows_one_line_per_process_with_its_review_status() {
    let run = common::run(common::proc().args(["list", "--today", common::TODAY]));
    assert_eq!(run.code, 0, "{run:?}");
    insta::assert_snapshot!("list_text", run.stdout);

    let json =
        common::run(common::proc().args(["list", "--today", common::TODAY, "--format", "json"]));
    assert_eq!(json.code, 0, "{json:?}");
    let items: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let items = items.as_array().expect("an array");
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["id"], "oro-for-anknytning");
    assert_eq!(items[1]["version"], "1");
    assert_eq!(items[1]["last_review"], "2021-05-14");
    assert_eq!(items[1]["status"], "overdue");
    assert_eq!(items[1]["days_overdue"], 1668);

    let csv =
        common::run(common::proc().args(["list", "--today", common::TODAY, "--format", "csv"]));
    // Finnish and Swedish Excel: a byte order mark and semicolons (proc.toml's language is sv).
    assert!(
        csv.stdout
            .starts_with("\u{FEFF}id;name;owner;version;last_review;status;due;file\r\n"),
        "{:?}",
        csv.stdout
    );
    assert!(csv.stdout.contains(
        "oro-for-anknytning;Oro för anknytning;Elina Sandkulla;1;2021-05-14;overdue;2022-04-30;"
    ));
}

#[test]
fn completions_are_generated_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _proc"),
        ("zsh", "#compdef proc"),
        ("fish", "complete -c proc"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = common::run(common::proc().args(["completions", shell]));
        assert_eq!(run.code, 0, "{shell}: {run:?}");
        assert!(run.stdout.contains(marker), "{shell}: no {marker:?}");
        for subcommand in ["lint", "due", "render", "import", "fmt", "new", "list"] {
            assert!(run.stdout.contains(subcommand), "{shell}: no {subcommand}");
        }
    }
    // `proc review` takes an id or a file: the shells complete file paths there (a script cannot know the ids).
    let zsh = common::run(common::proc().args(["completions", "zsh"]));
    let review = zsh
        .stdout
        .lines()
        .find(|line| line.starts_with("':process -- "))
        .expect("the review argument in the zsh script");
    assert!(review.ends_with(":_files' \\"), "{review}");
    let bad = common::run(common::proc().args(["completions", "tcsh"]));
    assert_eq!(bad.code, 2);
}

/// The commands, as `proc --help` lists them.
const COMMANDS: [&str; 16] = [
    "lint",
    "due",
    "review",
    "approve",
    "diff",
    "render",
    "import",
    "new",
    "fmt",
    "list",
    "serve",
    "lsp",
    "completions",
    "man",
    "schema",
    "rules",
];

#[test]
fn the_help_of_proc_and_of_every_command_is_as_reviewed() {
    let help = common::run(common::proc().arg("--help"));
    assert_eq!(help.code, 0);
    insta::assert_snapshot!("help", help.stdout);
    for command in COMMANDS {
        assert!(
            help.stdout.contains(&format!("\n  {command} ")),
            "{command} is not listed"
        );
        let run = common::run(common::proc().args([command, "--help"]));
        assert_eq!(run.code, 0, "{command}: {run:?}");
        insta::assert_snapshot!(format!("help_{command}"), run.stdout);
    }
    let version = common::run(common::proc().arg("--version"));
    assert_eq!(
        version.stdout,
        format!("proc {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// The main manual page refers to `proc-lint(1)` and the others: `proc man --out` writes each of them, and
/// `proc man lint` prints one.
#[test]
fn the_manual_has_a_page_for_proc_and_one_for_each_command_it_refers_to() {
    let man = common::run(common::proc().arg("man"));
    assert_eq!(man.code, 0);
    assert!(man.stdout.contains(".TH proc 1"), "{}", &man.stdout[..200]);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let out = common::run(common::proc().args(["man", "--out"]).arg(folder.path()));
    assert_eq!(out.code, 0, "{out:?}");
    let written = std::fs::read_to_string(folder.path().join("proc.1")).expect("proc.1");
    assert_eq!(written, man.stdout);
    for command in COMMANDS {
        let name = format!("proc-{command}");
        assert!(
            // roff writes the hyphen as `\-`.
            man.stdout.contains(&format!("proc\\-{command}(1)")),
            "proc.1 does not refer to {name}"
        );
        let page = std::fs::read_to_string(folder.path().join(format!("{name}.1")))
            .unwrap_or_else(|error| panic!("{name}.1: {error}"));
        assert!(page.contains(&format!(".TH {name} 1")), "{name}.1: {page}");
        let one = common::run(common::proc().args(["man", command]));
        assert_eq!(one.code, 0, "{one:?}");
        assert_eq!(
            one.stdout, page,
            "`proc man {command}` differs from {name}.1"
        );
    }
    let unknown = common::run(common::proc().args(["man", "lnit"]));
    assert_eq!(unknown.code, 2);
    unknown.assert_stderr_contains("there is no command `lnit`");
}

/// Help is read in a terminal: examples start at the same two-space margin and prose has no stray gaps (a line
/// continuation once left nine spaces inside a sentence and pushed examples to column ten).
#[test]
fn every_commands_help_is_evenly_laid_out() {
    for command in COMMANDS {
        let run = common::run(common::proc().args([command, "--help"]));
        assert_eq!(run.code, 0, "{command}: {run:?}");
        for line in run.stdout.lines() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("proc ") {
                assert!(line.starts_with("  proc "), "{command}: {line:?}");
            } else if !line.starts_with(' ') {
                assert!(!line.contains("   "), "{command}: {line:?}");
            }
        }
    }
}

/// A version with a dot is written so that Finnish Excel keeps it as text (`1.10` would become 1 October), and
/// as it is in a comma-separated file for other tools.
#[test]
fn list_csv_keeps_versions_as_text_in_excel() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(common::root().join("processes/oro-for-anknytning.yaml"))
        .expect("read");
    let text = text.replacen("\nversion: 1\n", "\nversion: \"1.10\"\n", 1);
    assert!(
        text.contains("version: \"1.10\""),
        "the example has `version: 1`"
    );
    std::fs::write(dir.path().join("oro-for-anknytning.yaml"), text).expect("write");
    let excel = common::run(common::proc().arg("list").arg(dir.path()).args([
        "--today",
        common::TODAY,
        "--format",
        "csv",
    ]));
    assert!(
        excel.stdout.contains(";\"=\"\"1.10\"\"\";"),
        "{}",
        excel.stdout
    );
    let plain = common::run(common::proc().arg("list").arg(dir.path()).args([
        "--today",
        common::TODAY,
        "--format",
        "csv",
        "--separator",
        ",",
    ]));
    assert!(
        plain.stdout.contains(",Elina Sandkulla,1.10,"),
        "{}",
        plain.stdout
    );
}
