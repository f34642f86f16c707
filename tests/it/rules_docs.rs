//! What `proc rules` prints and the README's rule table come from the registry.

use std::path::PathBuf;

#[test]
fn readme_rule_table_is_generated_from_the_registry() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let committed = std::fs::read_to_string(&path).expect("README.md exists");
    let generated = proc::rules::docs::readme_with_table(&committed)
        .expect("README.md has the rules:start and rules:end markers");
    if committed != generated && std::env::var_os("UPDATE_README").is_some() {
        std::fs::write(&path, &generated).expect("README.md is writable");
        return;
    }
    assert!(
        committed == generated,
        "the rule table in README.md is stale: run `UPDATE_README=1 cargo test --test it readme` and commit it"
    );
}

#[test]
fn the_readme_table_lists_every_rule_once() {
    let table = proc::rules::docs::readme_table();
    for rule in proc::rules::registry::ALL {
        let row = format!("| {} | {} |", rule.code, rule.name);
        assert_eq!(table.matches(&row).count(), 1, "{row}");
    }
    assert!(table.starts_with(&format!("{} rules", proc::rules::registry::ALL.len())));
}

#[test]
fn proc_rules_prints_the_listing() {
    let output = assert_cmd::Command::cargo_bin("proc")
        .expect("binary")
        .arg("rules")
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        proc::rules::listing()
    );
}

use proc::config::Config;
use proc::finding::Rule;
use proc::lint::{LintOptions, lint};
use proc::rules::docs::{EXAMPLE, WRITE_INSTEAD, yaml_block};
use proc::rules::registry::{
    ALL, DUPLICATE_ID, INTERNAL_ERROR, TAB_INDENT, UNUSABLE_PROCESS, VERSION_NOT_BUMPED,
};

/// Lints an example block as the files it stands for: `# file: NAME` starts a file of that name (else the file is
/// `example.yaml`), `# proc.toml: LINE` is a line of the folder's proc.toml, and a file with `# saved as Latin-1`
/// is written in Latin-1. Returns the codes of the rules that fired.
fn codes_of(block: &str) -> Vec<&'static str> {
    let folder = tempfile::tempdir().expect("temporary folder");
    let mut files: Vec<(String, String)> = Vec::new();
    let mut toml = String::new();
    for line in block.lines() {
        if let Some(setting) = line.strip_prefix("# proc.toml: ") {
            toml.push_str(setting);
            toml.push('\n');
            continue;
        }
        if let Some(name) = line.strip_prefix("# file: ") {
            let name = name.split([',', ' ']).next().unwrap_or(name);
            files.push((name.to_owned(), String::new()));
        } else if files.is_empty() {
            files.push(("example.yaml".to_owned(), String::new()));
        }
        let (_, text) = files.last_mut().expect("a file");
        text.push_str(line);
        text.push('\n');
    }
    if files.is_empty() {
        files.push(("example.yaml".to_owned(), String::new()));
    }
    let processes = folder.path().join("processes");
    std::fs::create_dir(&processes).expect("processes folder");
    for (name, text) in &files {
        let bytes: Vec<u8> = if text.contains("# saved as Latin-1") {
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character"))
                .collect()
        } else {
            text.clone().into_bytes()
        };
        std::fs::write(processes.join(name), bytes).expect("example file");
    }
    let config = if toml.is_empty() {
        Config::default()
    } else {
        let path = folder.path().join("proc.toml");
        std::fs::write(&path, &toml).expect("proc.toml");
        Config::read(&path).expect("the example's proc.toml reads")
    };
    let options = LintOptions {
        config,
        today: jiff::civil::date(2026, 11, 23),
    };
    let result = lint(&[processes], &options);
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    result.findings().map(|finding| finding.rule.code).collect()
}

/// The rules whose example cannot be linted here: a bug in proc has no example file, and a version that was not
/// bumped needs a git history.
fn cannot_be_linted(rule: &Rule) -> bool {
    rule == &INTERNAL_ERROR || rule == &VERSION_NOT_BUMPED
}

#[test]
fn every_rule_shows_an_example_and_what_to_write_instead() {
    let mut wrong = Vec::new();
    for rule in ALL {
        let example = yaml_block(rule, EXAMPLE);
        let instead = yaml_block(rule, WRITE_INSTEAD);
        if rule == &&INTERNAL_ERROR {
            assert!(
                example.is_none() && instead.is_none(),
                "no file shows a bug in proc"
            );
            continue;
        }
        let (Some(example), Some(instead)) = (example, instead) else {
            panic!(
                "{} has no `{EXAMPLE}` or no `{WRITE_INSTEAD}` YAML block",
                rule.name
            );
        };
        let shown = proc::rules::explain(rule);
        assert!(
            shown.contains(&example) && shown.contains(&instead),
            "{shown}"
        );
        if cannot_be_linted(rule) {
            continue;
        }
        let found = codes_of(&example);
        if !found.contains(&rule.code) {
            wrong.push(format!(
                "the example of {} does not break it: it gives {found:?}\n{example}",
                rule.name
            ));
        }
        let found = codes_of(&instead);
        if found.contains(&rule.code) {
            wrong.push(format!(
                "what {} says to write instead still breaks it: {found:?}\n{instead}",
                rule.name
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn explain_shows_the_explanation_and_the_examples() {
    for rule in [&TAB_INDENT, &DUPLICATE_ID, &UNUSABLE_PROCESS] {
        insta::assert_snapshot!(format!("explain_{}", rule.name), proc::rules::explain(rule));
    }
}
