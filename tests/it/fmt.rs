//! `proc fmt`: the canonical layout keeps every value and comment, is idempotent over every fixture, and `--check`
//! names the files that would change without touching them.

use crate::common;

use std::path::{Path, PathBuf};

fn yaml_files(folder: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(folder)
        .expect("a fixture folder")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, found);
        } else if proc::walk::is_process_file(&path) {
            found.push(path);
        }
    }
}

#[test]
fn formatting_is_idempotent_and_keeps_every_value_of_every_fixture() {
    let mut files = Vec::new();
    yaml_files(&common::root().join("tests/fixtures"), &mut files);
    yaml_files(&common::root().join("processes"), &mut files);
    let mut formatted = 0;
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let loaded = proc::load::load_bytes(path.clone(), bytes);
        // Files that are not YAML are for other tests; fmt refuses them (tested below).
        let Some(root) = &loaded.root else { continue };
        let once = match proc::format::format(&loaded.source, root, &loaded.notation) {
            Ok(once) => once,
            // Anchors, aliases, tags and merge keys are refused, and said so (tested below).
            Err(proc::format::FormatError::Unsupported { .. }) => continue,
            Err(error) => panic!("{}: {error}", path.display()),
        };
        let again_loaded = proc::load::load_text(path.clone(), once.clone());
        let again_root = again_loaded.root.as_ref().unwrap_or_else(|| {
            panic!(
                "{}: the formatted text does not parse:\n{once}",
                path.display()
            )
        });
        assert!(
            proc::format::same(root, again_root),
            "{}: formatting changed a value",
            path.display()
        );
        let twice = proc::format::format(&again_loaded.source, again_root, &again_loaded.notation)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        similar_asserts(&once, &twice, path);
        formatted += 1;
    }
    assert!(formatted >= 50, "only {formatted} fixtures formatted");
}

fn similar_asserts(once: &str, twice: &str, path: &Path) {
    if once != twice {
        let diff = similar::TextDiff::from_lines(once, twice);
        panic!(
            "{}: formatting twice changed the text:\n{}",
            path.display(),
            diff.unified_diff()
        );
    }
}

#[test]
fn comments_and_blank_lines_stay_with_their_keys() {
    let path = common::root().join("tests/fixtures/fmt/messy.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let text = proc::format::format(
        &loaded.source,
        loaded.root.as_ref().expect("parses"),
        &loaded.notation,
    )
    .expect("formats");
    insta::assert_snapshot!("fmt_messy", text);
}

#[test]
fn check_names_the_files_that_would_change_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let messy = dir.path().join("messy.yaml");
    let original = std::fs::read_to_string(common::root().join("tests/fixtures/fmt/messy.yaml"))
        .expect("fixture");
    std::fs::write(&messy, &original).expect("write");
    std::fs::copy(
        common::root().join("processes/oro-for-anknytning.yaml"),
        dir.path().join("oro-for-anknytning.yaml"),
    )
    .expect("copy");

    let check = common::run(common::proc().args(["fmt", "--check"]).arg(dir.path()));
    assert_eq!(check.code, 1, "{check:?}");
    assert!(check.stdout.contains("would reformat") && check.stdout.contains("messy.yaml"));
    assert!(!check.stdout.contains("oro-for-anknytning"), "{check:?}");
    assert!(
        check
            .stderr
            .contains("1 would be reformatted, 1 already formatted"),
        "{check:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&messy).expect("read"),
        original,
        "--check wrote the file"
    );

    let write = common::run(common::proc().arg("fmt").arg(dir.path()));
    assert_eq!(write.code, 0, "{write:?}");
    assert!(
        write.stderr.contains("1 reformatted, 1 unchanged"),
        "{write:?}"
    );
    assert_ne!(std::fs::read_to_string(&messy).expect("read"), original);

    let again = common::run(common::proc().args(["fmt", "--check"]).arg(dir.path()));
    assert_eq!(again.code, 0, "{again:?}");
    assert!(again.stdout.is_empty());
}

#[test]
fn a_file_that_is_not_yaml_is_named_and_left_alone() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "name: [oavslutad\n").expect("write");
    let run = common::run(common::proc().arg("fmt").arg(&broken));
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("broken.yaml") && run.stderr.contains("proc lint"),
        "{run:?}"
    );
    assert_eq!(
        std::fs::read_to_string(&broken).expect("read"),
        "name: [oavslutad\n"
    );
}

/// Fuzz findings: a key and its value on two lines, each with a comment at its end (one was lost), and a comment
/// after an empty list entry (it moved above the entry, and the next run moved it again).
#[test]
fn comments_at_the_end_of_two_lines_and_after_an_empty_entry_are_kept_in_place() {
    let path = common::root().join("tests/fixtures/fmt/comments-on-two-lines.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let root = loaded.root.as_ref().expect("parses");
    let text = proc::format::format(&loaded.source, root, &loaded.notation)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        text.contains(
            "# proc: allow(placeholder-link)\nowner: Elina Sandkulla  # ägare sedan 2020\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("goal: Stöd till familjen  # kommentar två\n"),
        "{text}"
    );
    assert!(
        text.contains("      - Hälsovårdare\n      - # tom roll\n"),
        "{text}"
    );
    assert!(
        text.ends_with("    instructions:\n      - # ingen ännu\n"),
        "{text}"
    );
}

/// YAML reads a key on its line only up to 1,024 characters: a longer one (from `{by:aaaa…}` with no space after
/// the colon) cannot be written as `key:`, so the file is refused as it is, with what to do.
#[test]
fn a_key_too_long_to_write_is_refused_and_the_file_kept() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("x.yaml");
    for (length, refused) in [(1024, false), (1025, true)] {
        let text = format!(
            "id: x\napproved: {{{}, date: 2024-01-01}}\n",
            "ä".repeat(length)
        );
        std::fs::write(&path, &text).expect("write");
        let run = common::run(common::proc().arg("fmt").arg(&path));
        let after = std::fs::read_to_string(&path).expect("read");
        if refused {
            assert_eq!(run.code, 2, "{run:?}");
            run.assert_stderr_contains("line 2 has a key longer than 1,024 characters");
            run.assert_stderr_contains("fix what `proc lint` says about it");
            assert_eq!(after, text);
        } else {
            assert_eq!(run.code, 0, "{run:?}");
            assert!(
                after.contains(&format!("  {}:\n", "ä".repeat(length))),
                "{after}"
            );
        }
    }
}

/// Fuzz findings: a blank line above a `- >-` entry was measured from the text's first line (the parser's span
/// starts there), so it vanished on the second run; an empty document (`---`) was written as nothing at all.
#[test]
fn block_text_entries_keep_their_blank_lines_and_an_empty_document_is_left_alone() {
    let format = |name: &str| {
        let path = common::root().join("tests/fixtures/fmt").join(name);
        let loaded = proc::load::load_file(&path, Default::default()).expect("read");
        let root = loaded.root.as_ref().expect("parses");
        proc::format::format(&loaded.source, root, &loaded.notation)
            .unwrap_or_else(|error| panic!("{name}: {error}"))
    };
    let text = format("block-items.yaml");
    assert!(
        text.contains(
            "  - Anna Ek\n\n  - Rasmus Isomaa, verksamhetsledare\n\n  - Bo Ek  # kort\n\n  - \"\\nLisa\\n\"\n"
        ),
        "{text}"
    );
    assert_eq!(format("empty-document.yaml"), "--- # nothing yet\n");
}

/// Issue 11: a file saved by Notepad or VS Code as "UTF-8 with BOM" and CRLF keeps its BOM, its first comment
/// (the editor's schema line), its line endings and every comment where it was: above `id`, above a step, at
/// the end of an entry.
#[test]
fn a_notepad_file_keeps_its_bom_crlf_and_every_comment_in_place() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("f1.yaml");
    let lines = [
        "\u{FEFF}# yaml-language-server: $schema=../schemas/process.schema.json",
        "name: Hakemusten käsittely",
        "# id-kommentti",
        "id: f1",
        "goal: Tavoite",
        "language: fi",
        "owner: Päällikkö",
        "approved:",
        "  date: 2024-05-08",
        "  by: Johtaja",
        "version: 1",
        "review_cycle:",
        "  month: huhtikuu",
        "steps:",
        "  # vaihe 1",
        "  - name: A",
        "    what: x",
        "    responsible:",
        "      - Sosiaaliohjaaja  # rooli",
        "  # vaihe 2",
        "  - responsible: [B]",
        "    name: B",
        "    what: y",
    ];
    std::fs::write(&path, lines.join("\r\n") + "\r\n").expect("write");
    let out = common::run(common::proc().arg("fmt").arg(&path));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(
        text.starts_with(
            "\u{FEFF}# yaml-language-server: $schema=../schemas/process.schema.json\r\n"
        ),
        "{text:?}"
    );
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "{text:?}"
    );
    for kept in [
        "# id-kommentti\r\nid: f1\r\nname: Hakemusten käsittely\r\n",
        "  # vaihe 1\r\n  - name: A\r\n",
        "      - Sosiaaliohjaaja  # rooli\r\n",
        "  # vaihe 2\r\n  - name: B\r\n",
    ] {
        assert!(text.contains(kept), "{kept:?} in\n{text}");
    }
    let check = common::run(common::proc().args(["fmt", "--check"]).arg(&path));
    assert_eq!(check.code, 0, "stable: {}", check.stderr);
}
