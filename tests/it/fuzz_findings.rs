//! The failures mutation fuzzing found (issue 10), each pinned by the reproducer it was found with
//! (`tests/fixtures/fuzz/<finding>/`), run through the real binary on a scratch copy.

use std::path::{Path, PathBuf};

use crate::common::{self, Run, proc, run};

/// A scratch copy of a reproducer's folder.
fn scratch(finding: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    copy_folder(
        &common::root().join("tests/fixtures/fuzz").join(finding),
        dir.path(),
    );
    dir
}

fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("a reproducer folder") {
        let path = entry.expect("an entry").path();
        let target = to.join(path.file_name().expect("a name"));
        if path.is_dir() {
            std::fs::create_dir_all(&target).expect("a folder");
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("a copy");
        }
    }
}

/// `proc ARGS` in `dir`.
fn proc_in(dir: &Path, args: &[&str]) -> Run {
    run(proc().current_dir(dir).args(args))
}

fn read(path: impl AsRef<Path>) -> String {
    std::fs::read_to_string(path).expect("a text file")
}

/// Every file under a folder, for "nothing was written outside" checks.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

// --- Security and resource limits -------------------------------------------------------------------------------

#[test]
fn lint_human_panic_wide_column_is_a_window_of_the_line() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(
        dir.path().join("wide.yaml"),
        format!("goal: {}: x\n", "a".repeat(65_530)),
    )
    .expect("write");
    let output = proc_in(dir.path(), &["lint", "--color", "never", "wide.yaml"]);
    assert_eq!(output.code, 1, "{}{}", output.stdout, output.stderr);
    output.assert_stdout_contains("[wide.yaml:1:65537]");
    output.assert_stdout_contains("error[invalid-yaml]");
    assert!(
        output.stdout.lines().all(|line| line.chars().count() < 200),
        "{}",
        output.stdout
    );
}

#[test]
fn lint_alias_bomb_large_scalar_is_refused_by_the_bytes_it_expands_to() {
    // The reproducer used 500 KB × 50,000 uses (24 GB expanded); 200 KB × 100 uses (20 MB) is past the limit too,
    // and stays small should the limit ever be lost.
    let dir = tempfile::tempdir().expect("a temporary directory");
    let uses = vec!["*a"; 100].join(", ");
    let text = format!(
        "id: bomb\nname: &a \"{}\"\ngoal: [{uses}]\n",
        "x".repeat(200_000)
    );
    std::fs::write(dir.path().join("bomb.yaml"), text).expect("write");
    let output = proc_in(dir.path(), &["lint", "--format", "json", "bomb.yaml"]);
    assert_eq!(output.code, 1);
    assert_eq!(common::json_rules(&output.stdout), vec!["yaml-limits"]);
    output.assert_stdout_contains("MB of text");
}

// --- Lint agrees with every other command --------------------------------------------------------------------

#[test]
fn lint_false_negatives_are_errors_with_their_rule() {
    let dir = scratch("lint-false-negatives");
    for (file, rules) in [
        ("date-block.yaml", &["invalid-date"][..]),
        ("date-space.yaml", &["invalid-date"]),
        ("empty-typo-key.yaml", &["unknown-key"]),
        ("empty-typo-review.yaml", &["unknown-key"]),
        ("null-role.yaml", &["empty-text"]),
        (
            "suppressed-invalid-yaml.yaml",
            &["invalid-suppression", "invalid-yaml"],
        ),
        (
            "suppressed-multidoc.yaml",
            &["invalid-suppression", "multiple-documents"],
        ),
        ("version-space.yaml", &["invalid-version"]),
        ("window-no-from.yaml", &["unknown-key"]),
    ] {
        let lint = proc_in(
            dir.path(),
            &["lint", "--today", "2030-01-01", "--format", "json", file],
        );
        assert_eq!(lint.code, 1, "{file}: {}", lint.stdout);
        let mut found = common::json_rules(&lint.stdout);
        found.sort();
        assert_eq!(found, rules, "{file}");
        let due = proc_in(dir.path(), &["due", file, "--today", "2030-01-01", "--all"]);
        assert_eq!(due.code, 1, "{file}");
    }
    let messages = proc_in(
        dir.path(),
        &[
            "lint",
            "--today",
            "2030-01-01",
            "--color",
            "never",
            "window-no-from.yaml",
        ],
    );
    messages.assert_stdout_contains("put a space after the colon: `from: gusti`");

    let repo = dir.path().join("review-demo");
    let lint = proc_in(&repo, &["lint", "--today", "2030-01-01", "processes"]);
    assert_eq!(lint.code, 1, "{}", lint.stdout);
    lint.assert_stdout_contains("the update date has a space after it");
    let before = read(repo.join("processes/concern.yaml"));
    let review = proc_in(
        &repo,
        &[
            "review",
            "concern",
            "--by=X",
            "--date",
            "2029-01-01",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(review.code, 2);
    assert_eq!(read(repo.join("processes/concern.yaml")), before);
}

/// The property behind the false negatives: for every process file the tests have, `proc lint` passes it exactly
/// when the commands that read processes (`due`, `review`, `render`, `list`, through `processes::load`) accept it.
#[test]
fn lint_passes_exactly_the_files_the_other_commands_accept() {
    let mut files = Vec::new();
    for folder in ["tests/fixtures", "processes"] {
        files.extend(
            files_under(&common::root().join(folder))
                .into_iter()
                .filter(|path| proc::walk::is_process_file(path)),
        );
    }
    assert!(files.len() > 80, "only {} fixtures", files.len());
    let options = proc::lint::LintOptions {
        config: proc::config::Config::default(),
        today: jiff::civil::date(2030, 1, 1),
    };
    for path in &files {
        let paths = [path.clone()];
        let lint = proc::lint::lint(&paths, &options);
        let clean = lint.errors.is_empty() && lint.count(proc::finding::Severity::Error) == 0;
        let loaded = proc::processes::load(&paths, &options);
        let accepted =
            loaded.errors.is_empty() && loaded.skipped.is_empty() && loaded.processes.len() == 1;
        assert_eq!(
            clean,
            accepted,
            "{}: lint says {}, the other commands {}",
            path.display(),
            if clean { "clean" } else { "not clean" },
            if accepted { "accept it" } else { "refuse it" }
        );
    }
}

#[test]
fn lint_json_offsets_not_utf8_are_in_the_file_s_bytes() {
    let dir = scratch("lint-json-offsets-not-utf8");
    let bytes = std::fs::read(dir.path().join("latin1.yaml")).expect("read");
    let output = proc_in(dir.path(), &["lint", "--format", "json", "latin1.yaml"]);
    let document: serde_json::Value = serde_json::from_str(&output.stdout).expect("json");
    let findings = document["findings"].as_array().expect("findings");
    let not_utf8 = findings
        .iter()
        .find(|finding| finding["rule"] == "not-utf8")
        .expect("not-utf8");
    let latin1 = bytes
        .iter()
        .position(|byte| *byte == 0xE4)
        .expect("ä in Latin-1");
    assert_eq!(not_utf8["offset"], latin1);
    assert_eq!(not_utf8["length"], 1);
    let unused = findings
        .iter()
        .find(|finding| finding["rule"] == "unused-suppression")
        .expect("unused-suppression");
    let name = bytes
        .windows(8)
        .position(|window| window == b"raw-html")
        .expect("the rule name");
    assert_eq!(unused["offset"], name);
    assert_eq!(unused["length"], 8);
}

// --- `proc fmt` keeps everything ---------------------------------------------------------------------------------

/// Formats `file` in the reproducer's scratch folder, checks that a second run changes nothing, and returns the
/// text and the folder.
fn formatted(finding: &str, file: &str) -> (String, tempfile::TempDir) {
    let dir = scratch(finding);
    let once = proc_in(dir.path(), &["fmt", file]);
    assert_eq!(once.code, 0, "{}", once.stderr);
    let text = read(dir.path().join(file));
    let check = proc_in(dir.path(), &["fmt", "--check", file]);
    assert_eq!(check.code, 0, "not stable:\n{text}");
    (text, dir)
}

#[test]
fn fmt_bom_comment_keeps_the_bom_and_the_comment() {
    let (text, _dir) = formatted("fmt-bom-comment", "x.yaml");
    assert!(
        text.starts_with("\u{FEFF}# proc: allow(no-review-cycle) reviewed when the law changes\n"),
        "{text:?}"
    );
}

#[test]
fn fmt_comment_continuation_keeps_both_comments() {
    let (text, _dir) = formatted("fmt-comment-continuation", "x.yaml");
    assert!(
        text.contains("owner: Elina Sandkulla  # ägare sedan 2020\n"),
        "{text}"
    );
    assert!(
        text.contains("goal: Stöd till familjen  # kommentar två\n"),
        "{text}"
    );
}

#[test]
fn fmt_comment_cr_keeps_the_comment_and_the_line_endings() {
    let (text, _dir) = formatted("fmt-comment-cr", "x.yaml");
    assert_eq!(text, "id: x\r# kommentar\rname: X\r");
}

#[test]
fn fmt_keeps_crlf_files_crlf() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("x.yaml");
    std::fs::write(&path, "name: X\r\n# om id\r\nid: x\r\n").expect("write");
    let output = proc_in(dir.path(), &["fmt", "x.yaml"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert_eq!(read(&path), "# om id\r\nid: x\r\nname: X\r\n");
}

#[test]
fn fmt_comment_reordered_key_goes_with_its_key() {
    let (text, _dir) = formatted("fmt-comment-reordered-key", "x.yaml");
    assert!(
        text.contains("steps:\n  # Det första besöket\n  - name: Besök vid födseln\n    what: Besök i hemmet\n"),
        "{text}"
    );
}

#[test]
fn fmt_markdown_heading_in_a_block_is_text_not_a_comment() {
    let dir = scratch("fmt-markdown-heading-duplicated");
    let original = read(dir.path().join("x.yaml"));
    for _ in 0..3 {
        assert_eq!(proc_in(dir.path(), &["fmt", "x.yaml"]).code, 0);
    }
    let text = read(dir.path().join("x.yaml"));
    assert_eq!(text.matches("## Stödsamtal").count(), 1, "{text}");
    assert!(
        text.contains("    what: |\n      ## Stödsamtal\n      Samtal med familjen.\n"),
        "{text}"
    );
    assert_eq!(proc_in(dir.path(), &["fmt", "--check", "x.yaml"]).code, 0);
    assert_eq!(
        text, original,
        "the file was in the canonical layout already"
    );
}

#[test]
fn fmt_not_idempotent_blank_in_block_is_stable() {
    let (text, _dir) = formatted("fmt-not-idempotent-blank-in-block", "x.yaml");
    assert!(
        text.contains("      Stycke ett.\n\n      Stycke två.\n    responsible:"),
        "{text}"
    );
}

#[test]
fn fmt_tags_and_merge_keys_are_refused_and_the_file_kept() {
    let dir = scratch("fmt-tags-dropped");
    let before = read(dir.path().join("x.yaml"));
    let output = proc_in(dir.path(), &["fmt", "x.yaml"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("line 3 has a YAML anchor (`&b`)");
    assert_eq!(read(dir.path().join("x.yaml")), before);
    // Without the anchor, the tag is what is refused.
    std::fs::write(
        dir.path().join("y.yaml"),
        "id: y\ngoal: !!binary R29hbA==\n",
    )
    .expect("write");
    let output = proc_in(dir.path(), &["fmt", "y.yaml"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("line 2 has a YAML tag (`!!binary`)");
    std::fs::write(
        dir.path().join("z.yaml"),
        "id: z\napproved:\n  <<: {by: A}\n",
    )
    .expect("write");
    let output = proc_in(dir.path(), &["fmt", "z.yaml"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("line 3 has a YAML merge key (`<<`)");
}

#[test]
fn fmt_alias_expansion_too_large_is_refused_and_the_file_kept() {
    let dir = scratch("fmt-alias-expansion-too-large");
    let before = read(dir.path().join("december.yaml"));
    let output = proc_in(dir.path(), &["fmt", "december.yaml"]);
    assert_eq!(output.code, 2);
    output.assert_stderr_contains("a YAML anchor (`&a0`)");
    assert_eq!(read(dir.path().join("december.yaml")), before);
}

#[test]
fn fmt_escapes_line_and_paragraph_separators() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("x.yaml");
    std::fs::write(&path, "id: x\ngoal: \"rad\\Ltvå\\Ptre\\N\"\n").expect("write");
    let output = proc_in(dir.path(), &["fmt", "x.yaml"]);
    assert_eq!(output.code, 0, "{}", output.stderr);
    let text = read(&path);
    assert!(
        !text.contains(['\u{2028}', '\u{2029}', '\u{85}']),
        "{text:?}"
    );
    assert!(text.contains(r#"goal: "rad\Ltvå\Ptre\N""#), "{text}");
}

// --- `proc review` --------------------------------------------------------------------------------------------

#[test]
fn review_wrong_bump_never_lowers_a_version() {
    let dir = scratch("review-wrong-bump");
    let path = dir.path().join("processes/x.yaml");
    let before = read(&path);
    let lint = proc_in(
        dir.path(),
        &["lint", "--today", "2030-01-01", "--format", "json"],
    );
    assert_eq!(common::json_rules(&lint.stdout), vec!["invalid-version"]);
    let review = proc_in(
        dir.path(),
        &[
            "review",
            "x",
            "--by=X",
            "--today",
            "2030-01-01",
            "--bump",
            "minor",
        ],
    );
    assert_eq!(review.code, 2);
    assert_eq!(read(&path), before);

    std::fs::copy(dir.path().join("y.yaml.template"), &path).expect("copy");
    let review = proc_in(
        dir.path(),
        &[
            "review",
            "x",
            "--by=X",
            "--today",
            "2030-01-01",
            "--bump",
            "major",
        ],
    );
    assert_eq!(review.code, 2);
    assert!(read(&path).contains("version: \"18446744073709551615\""));

    // The largest version part there is cannot be counted up, and says so.
    let largest = read(&path).replace("18446744073709551615", "4294967295");
    std::fs::write(&path, &largest).expect("write");
    let review = proc_in(
        dir.path(),
        &[
            "review",
            "x",
            "--by=X",
            "--today",
            "2030-01-01",
            "--bump",
            "major",
        ],
    );
    assert_eq!(review.code, 2);
    review.assert_stderr_contains("is the largest number a version part may be");
    assert_eq!(read(&path), largest);
}

#[test]
fn review_cr_only_is_recorded_with_cr_line_endings() {
    let dir = scratch("review-cr-only");
    let path = dir.path().join("processes/x.yaml");
    let review = proc_in(
        dir.path(),
        &["review", "x", "--by=X", "--today", "2030-01-01"],
    );
    assert_eq!(review.code, 0, "{}", review.stderr);
    let text = read(&path);
    assert!(!text.contains('\n'), "{text:?}");
    assert!(
        text.contains("\r  - date: 2030-01-01\r    by: X\r"),
        "{text:?}"
    );
    let lint = proc_in(dir.path(), &["lint", "--today", "2030-01-01"]);
    assert_eq!(lint.code, 0, "{}", lint.stdout);

    // Without `reviews`, the new block is written with the file's line endings too.
    let without = "id: x\rname: X\rgoal: G\rowner: O\rapproved:\r  date: 2018-05-08\r  by: D\rversion: 1\r\
                   review_cycle:\r  month: april\rsteps:\r  - name: S\r    what: W\r    responsible: [H]\r";
    std::fs::write(&path, without).expect("write");
    let review = proc_in(
        dir.path(),
        &["review", "x", "--by=X", "--today", "2030-01-01"],
    );
    assert_eq!(review.code, 0, "{}", review.stderr);
    let text = read(&path);
    assert!(!text.contains('\n'), "{text:?}");
    assert!(
        text.contains("  by: D\rreviews:\r  - date: 2030-01-01\r    by: X\rversion: 1\r"),
        "{text:?}"
    );
}

#[test]
fn review_self_check_message_says_what_is_wrong_with_the_note() {
    let dir = scratch("review-self-check-message");
    let path = dir.path().join("processes/x.yaml");
    let before = read(&path);
    let review = proc_in(
        dir.path(),
        &[
            "review",
            "x",
            "--by=X",
            "--today",
            "2030-01-01",
            "--note=se [lagen](javascript:alert(1))",
        ],
    );
    assert_eq!(review.code, 2);
    review.assert_stderr_contains("`javascript:` links are not allowed [unsafe-link]");
    review.assert_stderr_contains("Change what --by or --note says");
    assert!(!review.stderr.contains("bug in proc"), "{}", review.stderr);
    assert_eq!(read(&path), before);
}

// --- `proc render` ----------------------------------------------------------------------------------------------

#[test]
fn render_id_javascript_link_is_never_a_link() {
    let dir = scratch("render-id-javascript-link");
    let lint = proc_in(
        dir.path(),
        &[
            "lint",
            "--today",
            "2030-01-01",
            "--format",
            "json",
            "processes",
        ],
    );
    let mut rules = common::json_rules(&lint.stdout);
    rules.sort();
    assert_eq!(rules, vec!["invalid-id", "invalid-suppression"]);
    let render = proc_in(
        dir.path(),
        &[
            "render",
            "processes",
            "--out",
            "out",
            "--site",
            "--today",
            "2030-01-01",
            "-q",
        ],
    );
    assert_eq!(render.code, 1, "{}", render.stderr);
    for path in files_under(&dir.path().join("out")) {
        let html = read(&path);
        // The id may appear as text (escaped); never as an address.
        assert!(!html.contains("href=\"javascript"), "{}", path.display());
        for (at, _) in html.match_indices("href=\"") {
            let href = &html[at + 6..];
            assert!(
                href.starts_with("./") || href.starts_with("https://") || href.starts_with('#'),
                "{}: {}",
                path.display(),
                &href[..href.find('"').unwrap_or(href.len())]
            );
        }
    }
    assert!(dir.path().join("out/b.html").is_file());
    assert!(!dir.path().join("out/a.html").exists());
}

#[test]
fn render_id_path_traversal_writes_nothing_outside_out() {
    let dir = scratch("render-id-path-traversal");
    let before = files_under(dir.path());
    let repo = dir.path().join("work/repo");
    let render = proc_in(
        &repo,
        &[
            "render",
            "processes",
            "--out",
            "site/out",
            "--today",
            "2030-01-01",
            "-q",
        ],
    );
    assert_eq!(render.code, 1, "{}", render.stderr);
    assert_eq!(files_under(dir.path()), before);
}

// --- `proc import` ----------------------------------------------------------------------------------------------

#[test]
fn import_writes_valid_yaml_for_cells_with_bom_and_noncharacters() {
    let dir = scratch("import-writes-invalid-yaml");
    for (file, escape) in [
        ("bom-in-cell.txt", "\\uFEFF"),
        ("fffe-in-cell.txt", "\\uFFFE"),
    ] {
        let import = proc_in(
            dir.path(),
            &[
                "import",
                file,
                "--out",
                "out",
                "--force",
                "--today",
                "2030-01-01",
            ],
        );
        assert_eq!(import.code, 0, "{}", import.stderr);
        let text = read(dir.path().join("out/hembesok.yaml"));
        assert!(text.contains(escape), "{text}");
        let lint = proc_in(
            dir.path(),
            &["lint", "--today", "2030-01-01", "--format", "json", "out"],
        );
        assert_eq!(lint.code, 0, "{file}: {}", lint.stdout);
    }
}

#[test]
fn import_empty_id_asks_for_one_and_transliterates_where_it_can() {
    let dir = scratch("import-empty-id-hidden-file");
    let import = proc_in(
        dir.path(),
        &[
            "import",
            "emoji-name.txt",
            "--out",
            "out",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(import.code, 1);
    import.assert_stderr_contains("give the id yourself, e.g. `--id hembesok`");
    assert!(!dir.path().join("out").exists());

    let import = proc_in(
        dir.path(),
        &[
            "import",
            "emoji-name.txt",
            "--id",
            "hembesok",
            "--out",
            "out",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(read(dir.path().join("out/hembesok.yaml")).contains("id: hembesok\n"));

    let import = proc_in(
        dir.path(),
        &[
            "import",
            "cyrillic-name.txt",
            "--out",
            "out",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(read(dir.path().join("out/protsess.yaml")).contains("name: Процесс\n"));

    let bad = proc_in(
        dir.path(),
        &["import", "emoji-name.txt", "--id", "../x", "--out", "out"],
    );
    assert_eq!(bad.code, 2);
    bad.assert_stderr_contains("lowercase letters a–z, digits and hyphens");
}

#[test]
fn import_drops_text_no_more() {
    let dir = scratch("import-drops-text");
    let import = proc_in(
        dir.path(),
        &[
            "import",
            "link-in-responsible.txt",
            "--out",
            "a",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    import.assert_stderr_contains("is kept under `instructions`");
    let text = read(dir.path().join("a/hembesok.yaml"));
    assert!(text.contains("url: https://thl.fi/roller"), "{text}");
    assert!(text.contains("title: se rollbeskrivning"), "{text}");
    assert!(
        text.contains("responsible:\n      - Hälsovårdare\n"),
        "{text}"
    );

    let import = proc_in(
        dir.path(),
        &[
            "import",
            "extra-header-cell.txt",
            "--out",
            "b",
            "--today",
            "2030-01-01",
        ],
    );
    assert_eq!(import.code, 0, "{}", import.stderr);
    import.assert_stderr_contains("headed \"Kommentar från enheten\"");
    import.assert_stderr_contains("`proc lint` finds 0 errors and 1 warning (unmapped-content)");
    let text = read(dir.path().join("b/hembesok.yaml"));
    assert!(
        text.contains("unmapped:\n  - \"Kommentar från enheten:\"\n"),
        "{text}"
    );
}

#[test]
fn import_refuses_an_input_larger_than_max_file_size() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let big = "Processens namn\tProcessens mål\n".repeat(80_000);
    std::fs::write(dir.path().join("big.txt"), big).expect("write");
    let import = proc_in(dir.path(), &["import", "big.txt", "--out", "out"]);
    assert_eq!(import.code, 1);
    import.assert_stderr_contains("more than the limit of 1048576 bytes, so it was not read");
    assert!(!dir.path().join("out").exists());
}
