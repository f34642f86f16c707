//! What every command shares since they became one file each over one library: the same exit status for a file
//! left out because it has lint errors, the same `--today`/`--within`, the same limits, and one exit path that
//! takes a closed pipe for what it is.

use std::process::Stdio;

use crate::common;

fn folder_with_a_broken_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let processes = dir.path().join("processes");
    std::fs::create_dir(&processes).expect("processes/");
    std::fs::copy(
        common::root().join("processes/oro-for-anknytning.yaml"),
        processes.join("oro-for-anknytning.yaml"),
    )
    .expect("a good file");
    std::fs::write(processes.join("broken.yaml"), "id: broken\nname: [\n").expect("a broken file");
    dir
}

/// `due`, `list` and `render` leave out a file with lint errors, name it, and exit 1: a finding, as in `proc lint`,
/// not an I/O error (it once was 2 in `due` and `list` and 1 in `render`).
#[test]
fn a_file_left_out_for_its_lint_errors_is_exit_1_in_every_command() {
    let dir = folder_with_a_broken_file();
    let site = dir.path().join("site");
    for (args, because) in [
        (vec!["due", "--all"], "so its review date is unknown"),
        (vec!["list"], "so it is left out"),
        (
            vec![
                "render",
                "--out",
                site.to_str().unwrap_or("site"),
                "--quiet",
            ],
            "so it was not rendered",
        ),
    ] {
        let mut command = common::proc();
        command
            .current_dir(dir.path())
            .args(&args)
            .args(["--today", common::TODAY]);
        let run = common::run(&mut command);
        assert_eq!(run.code, 1, "{args:?}: {run:?}");
        run.assert_stderr_contains(&format!(
            "processes/broken.yaml has 1 lint error, {because}; `proc lint processes/broken.yaml` shows what to fix"
        ));
        assert!(!run.stdout.contains("broken"), "{args:?}: {}", run.stdout);
    }
    assert!(site.join("oro-for-anknytning.html").is_file());
    assert!(!site.join("broken.html").exists());
}

/// `render` takes the look-ahead of "review due soon" from `--within`, as `due` and `list` do (it was fixed at 30
/// days). The example was last reviewed 2021-05-14 and is due each April: on 2022-03-01 its due date, 2022-04-30, is 60 days ahead.
#[test]
fn render_takes_the_look_ahead_from_within() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = common::root().join("processes/oro-for-anknytning.yaml");
    let page = |within: &str| {
        let out = dir.path().join(within);
        let mut command = common::proc();
        command.arg("render").arg(&file).arg("--out").arg(&out);
        command.args(["--today", "2022-03-01", "--within", within, "--quiet"]);
        let run = common::run(&mut command);
        assert_eq!(run.code, 0, "{run:?}");
        std::fs::read_to_string(out.join("oro-for-anknytning.html")).expect("the page")
    };
    let soon = page("10w");
    let later = page("30d");
    assert!(
        soon.contains("class=\"badge upcoming\""),
        "10 weeks ahead is upcoming"
    );
    assert!(
        !later.contains("class=\"badge upcoming\""),
        "30 days ahead is not"
    );
}

/// `proc fmt` reads no file larger than `max-file-size`, as `proc lint` does not (it once loaded with the default).
#[test]
fn fmt_keeps_to_the_file_size_limit_of_proc_toml() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("proc.toml"), "max-file-size = 100\n").expect("proc.toml");
    std::fs::create_dir(dir.path().join("processes")).expect("processes/");
    let text = format!("id: long\nname: {}\n", "Långt namn ".repeat(20));
    std::fs::write(dir.path().join("processes/long.yaml"), &text).expect("a large file");
    let mut command = common::proc();
    command.current_dir(dir.path()).arg("fmt");
    let run = common::run(&mut command);
    assert_eq!(run.code, 2, "{run:?}");
    run.assert_stderr_contains("more than the limit of 100 bytes");
    let after = std::fs::read_to_string(dir.path().join("processes/long.yaml")).expect("the file");
    assert_eq!(after, text);
}

/// A review nobody made is refused before anything is read: the reason is `--by`, not the folder's state.
#[test]
fn review_refuses_an_empty_by_before_looking_for_the_process() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut command = common::proc();
    command
        .current_dir(dir.path())
        .args(["review", "does-not-exist", "--by", "  "]);
    let run = common::run(&mut command);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stderr, "error: --by must name who made the review\n");
}

/// `proc lint | head`: a reader that stops early is not an error, and the run still ends with the status it would
/// have had (a CI gate under `set -o pipefail` must not pass because `head` closed the pipe).
#[test]
fn a_closed_pipe_ends_the_run_quietly_with_its_own_status() {
    let legacy = "tests/fixtures/rules/p302-legacy-date.yaml";
    for (args, status) in [
        (&["rules"][..], 0),
        (&["schema"], 0),
        (
            &[
                "lint",
                "processes",
                "--format",
                "json",
                "--today",
                common::TODAY,
            ],
            0,
        ),
        (&["lint", legacy, "--today", common::TODAY], 1),
        (&["lint", legacy, "--diff", "--today", common::TODAY], 1),
        (
            &[
                "due",
                "processes",
                "--fail-on",
                "overdue",
                "--today",
                common::TODAY,
            ],
            1,
        ),
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_proc"))
            .args(args)
            .current_dir(common::root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("proc starts");
        // Closing our end before proc writes makes its first write fail with a broken pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("proc ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("error:"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(output.status.code(), Some(status), "{args:?}: {stderr}");
    }
}

/// A `proc` built without the `pdf` feature says so when asked for a PDF, and writes nothing.
#[cfg(not(feature = "pdf"))]
#[test]
fn without_the_pdf_feature_render_refuses_pdf_and_says_why() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("site");
    let mut command = common::proc();
    command
        .current_dir(common::root())
        .args(["render", "processes", "--pdf", "--out"])
        .arg(&out);
    let run = common::run(&mut command);
    assert_eq!(run.code, 2, "{run:?}");
    run.assert_stderr_contains("this proc was built without PDF support");
    assert!(!out.exists());
}

/// `proc new` says what is wrong with the id before anything else: it names the file to be written.
#[test]
fn new_names_a_bad_id_before_a_bad_month() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut command = common::proc();
    command
        .current_dir(dir.path())
        .args(["new", "Hembesök Grästorp", "--review-month", "xyz"]);
    let run = common::run(&mut command);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: `Hembesök Grästorp` cannot be an id: use lowercase letters a–z, digits and hyphens, like \
         `hembesok-grastorp`\n"
    );
}
