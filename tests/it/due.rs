//! `proc due`: review dates on fixed days, every output format, and what cron and CI rely on.

use crate::common::{self, proc, run};

const REPO: &str = "tests/fixtures/due/repo";

fn due(args: &[&str]) -> common::Run {
    run(proc().arg("due").args(args))
}

#[test]
fn text_groups_by_owner_with_overdue_first() {
    let output = due(&[REPO, "--today", "2026-11-23"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    insta::assert_snapshot!("text", output.stdout);
    // The example of the issue: seed 000 (approved 2018-05-08, updated 2021-05-14, April) on 2026-11-22.
    let output = due(&["processes/oro-for-anknytning.yaml", "--today", "2026-11-22"]);
    output.assert_stdout_contains("overdue by 1667 days: Oro för anknytning");
    output.assert_stdout_contains("due 2022-04-30, last review 2021-05-14");
}

#[test]
fn every_format_has_a_snapshot() {
    for format in ["json", "markdown", "csv", "ics"] {
        let output = due(&[REPO, "--today", "2026-11-23", "--format", format]);
        assert_eq!(output.code, 0, "{format}: {}", output.stderr);
        insta::assert_snapshot!(format!("format_{format}"), output.stdout);
    }
}

#[test]
fn nothing_due_prints_nothing_at_all() {
    let output = due(&["tests/fixtures/due/clean", "--today", "2026-11-23"]);
    assert_eq!(
        (output.code, output.stdout.as_str(), output.stderr.as_str()),
        (0, "", "")
    );
}

#[test]
fn within_widens_the_look_ahead() {
    let narrow = due(&[REPO, "--today", "2026-11-23", "--format", "csv"]);
    assert!(!narrow.stdout.contains("december;"), "{}", narrow.stdout);
    let wide = due(&[
        REPO,
        "--today",
        "2026-11-23",
        "--format",
        "csv",
        "--within",
        "6w",
    ]);
    wide.assert_stdout_contains("december;Bokslut;Ekonomichefen;upcoming;2026-12-31;;38;");
}

#[test]
fn a_december_review_is_overdue_in_january() {
    let output = due(&[
        REPO,
        "--today",
        "2027-01-10",
        "--format",
        "csv",
        "--owner",
        "ekonomi",
    ]);
    output.assert_stdout_contains("december;Bokslut;Ekonomichefen;overdue;2026-12-31;10;;");
    assert!(
        !output.stdout.contains("Elina"),
        "--owner filters: {}",
        output.stdout
    );
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        due(&[REPO, "--today", "2026-11-23", "--fail-on", "overdue"]).code,
        1
    );
    assert_eq!(
        due(&[
            "tests/fixtures/due/clean",
            "--today",
            "2026-11-23",
            "--fail-on",
            "upcoming"
        ])
        .code,
        0
    );
    // Only upcoming: fails on upcoming, not on overdue.
    let only_upcoming = [
        "--today",
        "2026-11-23",
        "--owner",
        "Elina",
        "tests/fixtures/due/repo/soon.yaml",
    ];
    assert_eq!(
        due(&[&only_upcoming[..], &["--fail-on", "overdue"]].concat()).code,
        0
    );
    assert_eq!(
        due(&[&only_upcoming[..], &["--fail-on", "upcoming"]].concat()).code,
        1
    );
}

#[test]
fn a_file_with_errors_is_named_and_fails_the_run() {
    let output = due(&[
        "tests/fixtures/fix/legacy-date.yaml",
        "--today",
        "2026-11-23",
    ]);
    assert_eq!(output.code, 1);
    output
        .assert_stderr_contains("legacy-date.yaml has 1 lint error, so its review date is unknown");
    assert!(output.stdout.is_empty());
}

#[test]
fn the_calendar_feed_parses_with_an_independent_reader_and_has_the_right_dates() {
    let output = due(&[REPO, "--today", "2026-11-23", "--format", "ics"]);
    let unfolded = icalendar::parser::unfold(&output.stdout);
    let calendar =
        icalendar::parser::read_calendar(&unfolded).expect("the feed is valid iCalendar");
    let events: Vec<(String, String, String)> = calendar
        .components
        .iter()
        .filter(|component| component.name.as_str() == "VEVENT")
        .map(|event| {
            let value = |name: &str| {
                event
                    .properties
                    .iter()
                    .find(|property| property.name.as_str() == name)
                    .map(|property| property.val.as_str().to_owned())
                    .unwrap_or_default()
            };
            (value("UID"), value("DTSTART"), value("SUMMARY"))
        })
        .collect();
    // Every process with a review cycle, whatever --within says; the one without a cycle has no event.
    assert_eq!(
        events,
        [
            (
                "children@proc-review".into(),
                "20261123".into(),
                "Granska (försenad sedan 2017-09-30): Barn, unga och familjer".into()
            ),
            (
                "concern@proc-review".into(),
                "20261123".into(),
                "Granska (försenad sedan 2022-04-30): Oro för anknytning".into()
            ),
            (
                "leap-day@proc-review".into(),
                "20261123".into(),
                "Granska (försenad sedan 2024-02-29): Skottdag".into()
            ),
            (
                "soon@proc-review".into(),
                "20261130".into(),
                "Arvioi: Hembesök".into()
            ),
            (
                "december@proc-review".into(),
                "20261231".into(),
                "Granska: Bokslut".into()
            ),
        ]
    );
    assert!(
        output
            .stdout
            .contains("X-WR-CALNAME:Granskning av processer\r\n")
    );
    assert!(
        output
            .stdout
            .contains("CATEGORIES:Processgranskning,Försenad\r\n")
    );
    assert!(
        output
            .stdout
            .contains("CATEGORIES:Prosessin arviointi,Tulossa\r\n")
    );
    // On a Saturday an overdue review is on Monday, where its owner will see it.
    let saturday = due(&[REPO, "--today", "2026-11-28", "--format", "ics"]);
    assert!(saturday.stdout.contains("DTSTART;VALUE=DATE:20261130\r\n"));
    assert!(!saturday.stdout.contains("DTSTART;VALUE=DATE:20261128"));
    // Re-running after a day has passed gives the same events (stable UIDs and dates).
    let later = due(&[REPO, "--today", "2026-11-24", "--format", "ics"]);
    let uids = |text: &str| {
        text.lines()
            .filter(|line| line.starts_with("UID:"))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&later.stdout), uids(&output.stdout));
}

#[test]
fn the_two_examples_fall_due_as_the_readme_says() {
    let output = due(&["processes", "--today", "2026-11-22", "--format", "csv"]);
    output.assert_stdout_contains("oro-for-anknytning;Oro för anknytning;Elina Sandkulla;overdue;2022-04-30;1667;;2021-05-14;");
    // Seed 001: approved 2017-04-07, windows February–March and August–September: due at the end of September.
    output.assert_stdout_contains(";overdue;2017-09-30;3340;;2017-04-07;");
}

/// Issue 12: `proc due --format csv` opens right when double-clicked in Finnish or Swedish Excel: a byte order
/// mark (UTF-8), semicolons, and the same positive `days_overdue` as the JSON. `--separator ','` gives plain CSV.
#[test]
fn csv_opens_right_in_nordic_excel_and_agrees_with_the_json() {
    let csv = due(&["processes", "--today", "2026-11-22", "--format", "csv"]);
    assert!(
        csv.stdout.starts_with(
            "\u{FEFF}id;name;owner;status;due;days_overdue;days_left;last_review;file\r\n"
        ),
        "{:?}",
        csv.stdout
    );
    let json = due(&["processes", "--today", "2026-11-22", "--format", "json"]);
    let document: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let oro = document["processes"]
        .as_array()
        .and_then(|items| items.iter().find(|item| item["id"] == "oro-for-anknytning"))
        .expect("oro-for-anknytning is due");
    let days = oro["days_overdue"].as_i64().expect("a number");
    assert!(days > 0);
    csv.assert_stdout_contains(&format!(";overdue;2022-04-30;{days};;"));

    let plain = due(&[
        "processes",
        "--today",
        "2026-11-22",
        "--format",
        "csv",
        "--separator",
        ",",
    ]);
    assert!(
        plain.stdout.starts_with("\u{FEFF}id,name,owner,status,"),
        "{}",
        plain.stdout
    );
    let wrong = due(&["processes", "--format", "csv", "--separator", "|"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("';' (Finnish and Swedish Excel)"),
        "{}",
        wrong.stderr
    );
}

/// Issue 15: a process reviewed every third year (`review_cycle.every: 3`) falls due at the end of the first review
/// month once two whole years have passed since the last review: reviewed 2021-05-14, every third April, due
/// 2024-04-30. The page says the interval in the document's language, and a count out of range is a finding that
/// gives the range.
#[test]
fn a_process_reviewed_every_third_year_falls_due_three_aprils_later() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = std::fs::read_to_string(common::root().join("processes/oro-for-anknytning.yaml"))
        .expect("the example")
        .replacen("  month: april\n", "  month: april\n  every: 3\n", 1);
    let file = dir.path().join("oro-for-anknytning.yaml");
    std::fs::write(&file, &text).expect("write");
    let file = file.to_str().expect("a Unicode path");
    let output = due(&[file, "--today", "2024-05-02", "--format", "csv"]);
    output.assert_stdout_contains(";overdue;2024-04-30;2;;2021-05-14;");
    let before = due(&[file, "--today", "2024-03-01"]);
    assert_eq!((before.code, before.stdout.as_str()), (0, ""));

    let out = dir.path().join("site");
    let render = run(proc().args(["render", file, "--out"]).arg(&out));
    assert_eq!(render.code, 0, "{render:?}");
    let page = std::fs::read_to_string(out.join("oro-for-anknytning.html")).expect("the page");
    assert!(
        page.contains("April (vart 3:e år)") || page.contains("april (vart 3:e år)"),
        "{page}"
    );

    std::fs::write(
        dir.path().join("oro-for-anknytning.yaml"),
        text.replace("every: 3", "every: 0"),
    )
    .expect("write");
    let lint = run(common::lint().arg(file));
    assert_eq!(lint.code, 1);
    lint.assert_stdout_contains(
        "`review_cycle.every` is 0, but it must be a whole number from 1 to 10",
    );
    lint.assert_stdout_contains("help: write a whole number from 1 to 10");
}
