//! `proc new` in each language, and what commands say in a folder that has no processes folder yet.

use std::path::Path;

use crate::common::{self, proc, run};

/// The placeholder each language's template writes, and how the others begin.
const MARKERS: [(&str, &str); 3] = [("sv", "<fyll i:"), ("fi", "<täytä:"), ("en", "<fill in:")];

/// The template with every placeholder filled in the way a user would: a date, an address, or a word.
fn filled_in(text: &str, marker: &str) -> String {
    let quoted = format!("\"{marker}");
    let mut filled = String::new();
    for line in text.lines() {
        let line = match line.find(&quoted) {
            Some(start) if line.trim_start().starts_with("date:") => {
                format!("{}2024-03-01", &line[..start])
            }
            Some(start) if line.trim_start().starts_with("url:") => {
                format!("{}https://finlex.fi", &line[..start])
            }
            Some(start) => format!("{}Text", &line[..start]),
            None => line.to_owned(),
        };
        filled.push_str(&line);
        filled.push('\n');
    }
    filled
}

/// `proc lint --format json` on one file: the exit code and the rule of every finding.
fn lint_rules(path: &Path) -> (i32, Vec<String>) {
    let lint = run(common::lint().arg(path).args(["--format", "json"]));
    (lint.code, common::json_rules(&lint.stdout))
}

#[test]
fn new_writes_placeholders_comments_and_month_in_the_chosen_language() {
    // The month is given in Finnish every time: the file gets it in its own language.
    for (language, month, comment, heading) in [
        ("sv", "april", "# En ny processbeskrivning.", "Processägare"),
        (
            "fi",
            "huhtikuu",
            "# Uusi prosessikuvaus.",
            "Prosessin omistaja",
        ),
        ("en", "april", "# A new process description.", "Owner"),
    ] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let created = run(proc()
            .args([
                "new",
                "hembesok",
                "--language",
                language,
                "--review-month",
                "huhtikuu",
                "--out",
            ])
            .arg(dir.path()));
        assert_eq!(created.code, 0, "{language}: {created:?}");
        let path = dir.path().join("hembesok.yaml");
        let text = std::fs::read_to_string(&path).expect("the new file");
        assert!(
            text.contains(&format!("\nlanguage: {language}\n")),
            "{language}:\n{text}"
        );
        assert!(
            text.contains(&format!("\n  month: {month}\n")),
            "{language}:\n{text}"
        );
        assert!(
            text.contains(comment),
            "{language}: no {comment:?}:\n{text}"
        );
        // The labels of the old charts stay, whatever the language.
        assert!(
            text.contains("(\"Processens mål\" / \"Prosessin tavoite\")"),
            "{language}"
        );
        for line in text.lines() {
            assert!(
                line.chars().count() <= 120,
                "{language}: a long line: {line:?}"
            );
        }
        let marker = MARKERS
            .iter()
            .find(|(code, _)| *code == language)
            .map(|(_, marker)| *marker)
            .expect("a marker");
        for (other, other_marker) in MARKERS {
            if other != language {
                assert!(
                    !text.contains(other_marker),
                    "{language}: a {other} placeholder"
                );
            }
        }

        // As written: one `placeholder` error per placeholder, and the warning that it is a draft.
        let (code, rules) = lint_rules(&path);
        assert_eq!(code, 1, "{language}");
        assert_eq!(
            rules.first().map(String::as_str),
            Some("draft"),
            "{language}: {rules:?}"
        );
        assert!(
            rules[1..].iter().all(|rule| rule == "placeholder"),
            "{language}: {rules:?}"
        );
        assert_eq!(rules.len() - 1, text.matches(marker).count(), "{language}");
        assert!(
            rules.len() >= 20,
            "{language}: only {} placeholders",
            rules.len()
        );

        // Filled in: no errors (a draft until approved), and rendered with the headings of its language.
        std::fs::write(&path, filled_in(&text, marker)).expect("write");
        let lint = run(common::lint().arg(&path));
        assert_eq!(lint.code, 0, "{language}: {}", lint.stdout);
        lint.assert_stdout_contains("0 errors, 1 warning");
        lint.assert_stdout_contains("warning[draft]");
        let site = dir.path().join("site");
        let render = run(proc()
            .args(["render", "-q", "--today", common::TODAY])
            .arg(&path)
            .arg("--out")
            .arg(&site));
        assert_eq!(render.code, 0, "{language}: {render:?}");
        let page = std::fs::read_to_string(site.join("hembesok.html")).expect("the page");
        assert!(
            page.contains(heading),
            "{language}: no {heading:?} in the page"
        );
        let draft = match language {
            "sv" => "Utkast – inte godkänt",
            "fi" => "Luonnos – ei hyväksytty",
            _ => "Draft – not approved",
        };
        assert!(
            page.contains(&format!(
                r#"<p class="draft-banner" role="note">{draft}</p>"#
            )),
            "{language}: no draft banner in the page"
        );
    }
}

#[test]
fn new_takes_its_default_language_from_proc_toml_and_makes_the_processes_folder() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("proc.toml"), "language = \"fi\"\n").expect("proc.toml");
    let created =
        run(proc()
            .current_dir(dir.path())
            .args(["new", "kotikaynnit", "--review-month", "4"]));
    assert_eq!(created.code, 0, "{created:?}");
    created.assert_stderr_contains("made the folder processes");
    let text = std::fs::read_to_string(dir.path().join("processes/kotikaynnit.yaml"))
        .expect("processes/kotikaynnit.yaml");
    assert!(text.contains("\nlanguage: fi\n"), "{text}");
    assert!(text.contains("\n  month: huhtikuu\n"), "{text}");
    assert!(text.contains("\"<täytä: prosessin tavoite>\""), "{text}");
    assert!(!text.contains("<fyll i:"), "{text}");
}

#[test]
fn a_month_in_another_language_than_the_default_gets_a_note() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let created = run(proc()
        .args(["new", "hembesok", "--review-month", "huhtikuu", "--out"])
        .arg(dir.path()));
    assert_eq!(created.code, 0, "{created:?}");
    created.assert_stderr_contains("the review month is written `april`");
    created.assert_stderr_contains("run `proc new hembesok --language fi`");
    let text = std::fs::read_to_string(dir.path().join("hembesok.yaml")).expect("the file");
    assert!(text.contains("\nlanguage: sv\n") && text.contains("\n  month: april\n"));
    // Said outright, the language is what was meant: no note.
    let chosen = run(proc()
        .args([
            "new",
            "hembesok-2",
            "--language",
            "sv",
            "--review-month",
            "huhtikuu",
            "--out",
        ])
        .arg(dir.path()));
    assert_eq!(chosen.code, 0, "{chosen:?}");
    assert!(!chosen.stderr.contains("note:"), "{}", chosen.stderr);
}

#[test]
fn an_id_yaml_reads_as_another_type_is_written_in_quotes() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    for id in ["y", "1"] {
        let created = run(proc().args(["new", id, "--out"]).arg(dir.path()));
        assert_eq!(created.code, 0, "{id}: {created:?}");
        let path = dir.path().join(format!("{id}.yaml"));
        let text = std::fs::read_to_string(&path).expect("the file");
        assert!(text.contains(&format!("\nid: \"{id}\"\n")), "{text}");
        let (_, rules) = lint_rules(&path);
        assert!(
            rules
                .iter()
                .all(|rule| rule == "placeholder" || rule == "draft"),
            "{id}: {rules:?}"
        );
    }
}

#[test]
fn a_folder_without_processes_says_how_to_start() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let today = common::TODAY;
    for (args, usage) in [
        (
            vec!["lint", "--today", today],
            "`proc lint path/to/processes`",
        ),
        (
            vec!["due", "--today", today],
            "`proc due path/to/processes`",
        ),
        (
            vec!["list", "--today", today],
            "`proc list path/to/processes`",
        ),
        (vec!["fmt", "--check"], "`proc fmt path/to/processes`"),
        (
            vec!["render", "--out", "site", "--today", today],
            "`proc render path/to/processes --out site`",
        ),
        (
            vec!["review", "hembesok", "--by", "X", "--today", today],
            "`proc review path/to/process.yaml --by NAME`",
        ),
    ] {
        let output = run(proc().current_dir(dir.path()).args(&args));
        assert_eq!(output.code, 2, "{args:?}: {output:?}");
        output.assert_stderr_contains(
            "error: there is no processes folder here (no proc.toml in this folder or above, and no ./processes)",
        );
        output.assert_stderr_contains("help: start one with `proc new ID`");
        output.assert_stderr_contains(usage);
        assert!(
            !output.stderr.contains("no such file"),
            "{args:?}: {}",
            output.stderr
        );
    }
    // Nothing was made on the way.
    assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 0);

    // `proc new` starts the folder, and then the commands use it.
    let created = run(proc().current_dir(dir.path()).args(["new", "hembesok"]));
    assert_eq!(created.code, 0, "{created:?}");
    assert!(dir.path().join("processes/hembesok.yaml").is_file());
    let lint = run(proc()
        .current_dir(dir.path())
        .args(["lint", "--today", common::TODAY]));
    assert_eq!(lint.code, 1, "{lint:?}");
    lint.assert_stdout_contains("processes/hembesok.yaml");
}

#[test]
fn a_processes_folder_named_in_proc_toml_that_is_missing_is_named() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("proc.toml"),
        "processes = \"docs/processes\"\n",
    )
    .expect("proc.toml");
    std::fs::write(dir.path().join("draft.yaml"), "id: draft\n").expect("a yaml file");
    let due = run(proc()
        .current_dir(dir.path())
        .args(["due", "--today", common::TODAY]));
    assert_eq!(due.code, 2, "{due:?}");
    due.assert_stderr_contains(
        "error: the processes folder of proc.toml, docs/processes, does not exist",
    );
    due.assert_stderr_contains("correct `processes` in proc.toml");
    due.assert_stderr_contains("pass `.` (this folder) as the path");
    // Paths given: they are used, and the folder does not matter.
    let lint =
        run(proc()
            .current_dir(dir.path())
            .args(["lint", "draft.yaml", "--today", common::TODAY]));
    assert_eq!(lint.code, 1, "{lint:?}");
    assert!(!lint.stderr.contains("processes folder"), "{}", lint.stderr);
}
