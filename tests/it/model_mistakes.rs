//! Mistakes quality coordinators make when they write a process by hand (a colon in a text, roles on lines
//! without `- `, a decimal comma in the version, a file named like a title): each is reported once, as the rule
//! that says what is really wrong, on the line where it is, and the help, copied literally, fixes it, as does
//! `proc lint --fix` where the fix is offered.

use std::path::Path;

use crate::common::{lint, run};

/// A small process that lints clean; cases change one part of it.
const BASE: &str = small_process!("ID");

/// Whether `proc lint --fix` repairs a case, and with which flags.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fixed {
    No,
    Safe,
    /// Only with `--unsafe-fixes`: the fix guesses.
    Guess,
}

struct Case {
    /// The file name without `.yaml`, and the id the file has (unless `file` says otherwise).
    name: &'static str,
    /// The part of [`BASE`] that is changed.
    from: &'static str,
    /// What the coordinator wrote in its place.
    wrong: &'static str,
    /// What the help says to write there.
    right: &'static str,
    rule: &'static str,
    line: u64,
    /// Words the message must say.
    says: &'static str,
    fixed: Fixed,
}

const CASES: &[Case] = &[
    // 1. A text with `: ` in it, read as a key and a value.
    Case {
        name: "colon-in-instruction",
        from: "      - Socialarbetare\n",
        wrong: "      - Socialarbetare\n    instructions:\n      - Ohje: katso intranet\n",
        right: "      - Socialarbetare\n    instructions:\n      - \"Ohje: katso intranet\"\n",
        rule: "wrong-type",
        line: 17,
        says: "is meant as one text, but the colon and space after `Ohje` make YAML read it as a key",
        fixed: Fixed::Safe,
    },
    Case {
        name: "colon-in-role",
        from: "      - Socialarbetare\n",
        wrong: "      - Socialarbetare\n      - Huom: vastuuhenkilö\n",
        right: "      - Socialarbetare\n      - \"Huom: vastuuhenkilö\"\n",
        rule: "wrong-type",
        line: 16,
        says: "entry 2 of `responsible` in step 1 (\"Bedömning\") is meant as one text",
        fixed: Fixed::Safe,
    },
    Case {
        name: "colon-in-author",
        from: "version: 1\n",
        wrong: "version: 1\nauthors:\n  - Tekijä: Anna Virtanen\n",
        right: "version: 1\nauthors:\n  - \"Tekijä: Anna Virtanen\"\n",
        rule: "wrong-type",
        line: 10,
        says: "entry 1 of `authors` is meant as one text",
        fixed: Fixed::Safe,
    },
    Case {
        name: "colon-in-partner",
        from: "version: 1\n",
        wrong: "version: 1\npartners:\n  - Kumppani: Kela\n",
        right: "version: 1\npartners:\n  - \"Kumppani: Kela\"\n",
        rule: "wrong-type",
        line: 10,
        says: "`Kumppani` with the value `Kela`",
        fixed: Fixed::Safe,
    },
    Case {
        name: "colon-in-metric",
        from: "version: 1\n",
        wrong: "version: 1\nmetrics:\n  - Mittari: odotusaika\n",
        right: "version: 1\nmetrics:\n  - \"Mittari: odotusaika\"\n",
        rule: "wrong-type",
        line: 10,
        says: "entry 1 of `metrics` is meant as one text",
        fixed: Fixed::Safe,
    },
    Case {
        name: "colon-in-step-metrics",
        from: "      - Socialarbetare\n",
        wrong: "      - Socialarbetare\n    metrics:\n      Väntetid: högst 7 dagar\n",
        right: "      - Socialarbetare\n    metrics: \"Väntetid: högst 7 dagar\"\n",
        rule: "wrong-type",
        line: 17,
        says: "`metrics` of step 1 (\"Bedömning\") should be one text",
        fixed: Fixed::Safe,
    },
    // 2. Roles written as one text.
    Case {
        name: "roles-on-lines",
        from: "      - Socialarbetare\n",
        wrong: "      Sosiaaliohjaaja\n      Sosiaalityöntekijä\n",
        right: "      - Sosiaaliohjaaja\n      - Sosiaalityöntekijä\n",
        rule: "wrong-type",
        line: 15,
        says: "are on lines of their own but without `- `, so YAML joins them into one text",
        fixed: Fixed::Safe,
    },
    Case {
        name: "roles-with-commas",
        from: "    responsible:\n      - Socialarbetare\n",
        wrong: "    responsible: Sosiaaliohjaaja, Sosiaalityöntekijä\n",
        right: "    responsible:\n      - Sosiaaliohjaaja\n      - Sosiaalityöntekijä\n",
        rule: "wrong-type",
        line: 14,
        says: "is one text with commas",
        fixed: Fixed::Safe,
    },
    Case {
        // "vid behov psykolog" may say more about the social worker: splitting there is a guess.
        name: "role-with-a-comma-and-a-qualifier",
        from: "    responsible:\n      - Socialarbetare\n",
        wrong: "    responsible: Socialarbetare, vid behov psykolog\n",
        right: "    responsible:\n      - Socialarbetare\n      - vid behov psykolog\n",
        rule: "wrong-type",
        line: 14,
        says: "is one text with commas",
        fixed: Fixed::Guess,
    },
    Case {
        name: "role-without-space-after-dash",
        from: "      - Socialarbetare\n",
        wrong: "      -Sosiaaliohjaaja\n",
        right: "      - Sosiaaliohjaaja\n",
        rule: "wrong-type",
        line: 15,
        says: "`-Sosiaaliohjaaja` is read as a text that begins with a dash, not as a list entry",
        fixed: Fixed::Safe,
    },
    Case {
        name: "roles-without-space-after-dash",
        from: "      - Socialarbetare\n",
        wrong: "      -Sosiaaliohjaaja\n      -Sosiaalityöntekijä\n",
        right: "      - Sosiaaliohjaaja\n      - Sosiaalityöntekijä\n",
        rule: "wrong-type",
        line: 15,
        says: "a list entry needs a space after the `-`",
        fixed: Fixed::Safe,
    },
    Case {
        name: "one-role-not-in-a-list",
        from: "    responsible:\n      - Socialarbetare\n",
        wrong: "    responsible: Sosiaaliohjaaja\n",
        right: "    responsible:\n      - Sosiaaliohjaaja\n",
        rule: "wrong-type",
        line: 14,
        says: "should be a list, with each role on its own line starting with `- `, but here it is one text",
        fixed: Fixed::Safe,
    },
    Case {
        name: "authors-with-commas",
        from: "version: 1\n",
        wrong: "version: 1\nauthors: Mikaela Björkskog, Elina Sandkulla\n",
        right: "version: 1\nauthors:\n  - Mikaela Björkskog\n  - Elina Sandkulla\n",
        rule: "wrong-type",
        line: 9,
        says: "`authors` is one text with commas",
        fixed: Fixed::Safe,
    },
    // 3. A decimal comma in the version.
    Case {
        name: "version-with-decimal-comma",
        from: "version: 1\n",
        wrong: "version: 1,1\n",
        right: "version: 1.1\n",
        rule: "invalid-version",
        line: 8,
        says: "`1,1` is written with a decimal comma",
        fixed: Fixed::Safe,
    },
    Case {
        name: "version-with-decimal-comma-and-zero",
        from: "version: 1\n",
        wrong: "version: 2,10\n",
        right: "version: \"2.10\"\n",
        rule: "invalid-version",
        line: 8,
        says: "a version number is written with a point, `2.10`",
        fixed: Fixed::Safe,
    },
    // 5. `no` for a language.
    Case {
        name: "language-no",
        from: "version: 1\n",
        wrong: "version: 1\nlanguage: no\n",
        right: "version: 1\nlanguage: sv\n",
        rule: "invalid-value",
        line: 9,
        says: "`language: no` is not a language proc knows",
        fixed: Fixed::No,
    },
];

fn findings(path: &Path) -> Vec<serde_json::Value> {
    let out = run(lint().args(["--format", "json"]).arg(path));
    let document: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON output");
    document["findings"].as_array().cloned().unwrap_or_default()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the case");
    path
}

#[test]
fn the_base_lints_clean() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write(dir.path(), "base.yaml", &BASE.replace("ID", "base"));
    assert_eq!(findings(&path), Vec::<serde_json::Value>::new());
}

#[test]
fn each_mistake_is_one_finding_whose_help_and_fix_repair_it() {
    for case in CASES {
        assert!(
            BASE.contains(case.from),
            "{}: BASE lacks {:?}",
            case.name,
            case.from
        );
        let base = BASE.replace("id: ID", &format!("id: {}", case.name));
        let wrong = base.replacen(case.from, case.wrong, 1);
        let right = base.replacen(case.from, case.right, 1);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let file = format!("{}.yaml", case.name);
        let path = write(dir.path(), &file, &wrong);

        let found = findings(&path);
        assert_eq!(found.len(), 1, "{}: one finding, not {found:#?}", case.name);
        let finding = &found[0];
        assert_eq!(finding["rule"], case.rule, "{}: {finding:#}", case.name);
        assert_eq!(finding["line"], case.line, "{}: {finding:#}", case.name);
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(message.contains(case.says), "{}: {message}", case.name);

        // The help shows each line to write, as it is written in the right file.
        let help = finding["help"].as_str().unwrap_or_default();
        let before: Vec<&str> = wrong.lines().collect();
        for line in right.lines().filter(|line| !before.contains(line)) {
            assert!(
                help.contains(line.trim()),
                "{}: the help lacks {:?}:\n{help}",
                case.name,
                line.trim()
            );
        }
        let fixed_by_help = write(dir.path(), &file, &right);
        assert_eq!(
            findings(&fixed_by_help),
            Vec::<serde_json::Value>::new(),
            "{}: written as the help says, the file lints clean:\n{right}",
            case.name
        );

        // The fix writes what the help says, byte for byte, and only with the flags its certainty allows.
        let path = write(dir.path(), &file, &wrong);
        match case.fixed {
            Fixed::No => assert!(finding["fix"].is_null(), "{}: no fix", case.name),
            Fixed::Safe | Fixed::Guess => {
                let applicability = if case.fixed == Fixed::Safe {
                    "safe"
                } else {
                    "unsafe"
                };
                assert_eq!(
                    finding["fix"]["applicability"], applicability,
                    "{}: {finding:#}",
                    case.name
                );
                if case.fixed == Fixed::Guess {
                    run(lint().arg("--fix").arg(&path));
                    assert_eq!(
                        std::fs::read_to_string(&path).expect("read"),
                        wrong,
                        "{}: a guess is not applied without --unsafe-fixes",
                        case.name
                    );
                }
                let out = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
                assert_eq!(out.code, 0, "{}: {}{}", case.name, out.stdout, out.stderr);
                assert_eq!(
                    std::fs::read_to_string(&path).expect("read"),
                    right,
                    "{}: --fix writes what the help says",
                    case.name
                );
            }
        }
    }
}

#[test]
fn a_file_named_like_a_title_is_told_to_be_renamed_to_the_slug() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // The id written like the title: one finding, with the id and the file name the help asks for.
    let path = write(
        dir.path(),
        "Oro för anknytning.yaml",
        &BASE.replace("id: ID", "id: Oro för anknytning"),
    );
    let found = findings(&path);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "invalid-id");
    assert_eq!(found[0]["line"], 1);
    let help = found[0]["help"].as_str().unwrap_or_default();
    assert!(help.contains("`id: oro-for-anknytning`"), "{help}");
    assert!(
        help.contains("rename the file to `oro-for-anknytning.yaml`"),
        "{help}"
    );

    // The right id in a file named like the title: rename the file, and do not suggest the title as the id.
    let path = write(
        dir.path(),
        "Oro för anknytning.yaml",
        &BASE.replace("id: ID", "id: oro-for-anknytning"),
    );
    let found = findings(&path);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "id-mismatch");
    let help = found[0]["help"].as_str().unwrap_or_default();
    assert!(
        help.contains("rename the file to `oro-for-anknytning.yaml`"),
        "{help}"
    );
    assert!(!help.contains("id: Oro"), "{help}");

    // Done as the help says, the file lints clean.
    std::fs::remove_file(&path).expect("remove");
    let path = write(
        dir.path(),
        "oro-for-anknytning.yaml",
        &BASE.replace("id: ID", "id: oro-for-anknytning"),
    );
    assert_eq!(findings(&path), Vec::<serde_json::Value>::new());
}

/// A step copied whole, 40 lines after the first: one finding, showing the two places and not the lines between.
#[test]
fn a_copied_step_is_one_finding_at_both_places_only() {
    let copied = "  - id: bedomning\n    name: Bedömning\n    what: Grundläggande bedömning\n    responsible:\n      - Socialarbetare\n";
    let mut text = BASE
        .replace("id: ID", "id: copied-step")
        .split("steps:\n")
        .next()
        .unwrap_or_default()
        .to_owned();
    text.push_str("steps:\n");
    text.push_str(copied);
    for index in 1..=9 {
        text.push_str(&format!(
            "  - name: Uppföljning {index}\n    what: Uppföljning\n    responsible:\n      - Socialarbetare\n"
        ));
    }
    text.push_str(copied);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write(dir.path(), "copied-step.yaml", &text);

    let found = findings(&path);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "duplicate-step");
    assert_eq!(found[0]["line"], 54);

    let human = run(lint().arg(&path));
    assert!(
        human.stdout.contains(" 13 │     name: Bedömning"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains(" 54 │     name: Bedömning"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains("Uppföljning 1"), "{}", human.stdout);
    assert!(!human.stdout.contains(" 30 │"), "{}", human.stdout);
    let shown = human
        .stdout
        .replace(&path.display().to_string(), "copied-step.yaml");
    insta::assert_snapshot!(shown);
}

/// A finding in the middle of a line of 1,400 characters shows a window of the line around it, with `…` where
/// the line is cut, and an underline as long as the finding.
#[test]
fn a_finding_in_a_long_line_shows_a_window_around_it() {
    let words = "Optimalt välmående för barnet och familjen ".repeat(32);
    let goal = format!(
        "goal: {words}<b>viktigt</b> {}\n",
        "och mer text ".repeat(20)
    );
    assert!(goal.chars().count() > 1_400);
    let text = BASE
        .replace("id: ID", "id: long-line")
        .replace("goal: Optimalt välmående för barnet\n", &goal);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = write(dir.path(), "long-line.yaml", &text);
    let human = run(lint().arg(&path));
    assert!(
        human.stdout.contains("warning[raw-html]"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.lines().all(|line| line.chars().count() <= 120),
        "{}",
        human.stdout
    );
    assert!(human.stdout.contains('…'), "{}", human.stdout);
    assert!(human.stdout.contains("<b>viktigt"), "{}", human.stdout);
    let shown = human
        .stdout
        .replace(&path.display().to_string(), "long-line.yaml");
    insta::assert_snapshot!(shown);
}
