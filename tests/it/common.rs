//! Running the real `proc` binary the way a user does, from the repository root so that paths in the output are
//! the relative paths the tests pass in.

use std::path::{Path, PathBuf};
use std::time::Duration;

use assert_cmd::Command;

/// The date every test lints on, so that `future-date` findings do not change with the calendar.
pub const TODAY: &str = "2026-11-23";

/// The repository root: the working directory of every run unless a test says otherwise.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture path relative to the repository root.
pub fn fixture(path: &str) -> PathBuf {
    Path::new("tests/fixtures").join(path)
}

/// `proc` with the repository root as the working directory and no colour settings inherited from the caller.
pub fn proc() -> Command {
    let mut command =
        Command::cargo_bin("proc").expect("the proc binary is built for integration tests");
    command
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        // A safety net: no input may make `proc` hang. Generous, so that a slow machine does not fail the test.
        .timeout(Duration::from_secs(60));
    command
}

/// `proc lint --today 2026-11-23 --color never`.
pub fn lint() -> Command {
    let mut command = proc();
    command.args(["lint", "--today", TODAY, "--color", "never"]);
    command
}

/// A small process that lints clean, with the given id: the text the tests of mistakes break one line of.
macro_rules! small_process {
    ($id:literal) => {
        concat!(
            "id: ",
            $id,
            "\n",
            "name: Oro för anknytning
goal: Optimalt välmående för barnet
owner: Elina Sandkulla
approved:
  date: 2018-05-08
  by: Pia-Maria Sjöström
version: 1
review_cycle:
  month: april
steps:
  - name: Bedömning
    what: Grundläggande bedömning av situationen
    responsible:
      - Socialarbetare
"
        )
    };
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Fails unless stdout holds `needle`, and then shows everything that was printed instead.
    #[track_caller]
    pub fn assert_stdout_contains(&self, needle: &str) {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
    }

    /// Fails unless stderr holds `needle`, and then shows everything that was printed instead.
    #[track_caller]
    pub fn assert_stderr_contains(&self, needle: &str) {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
    }
}

/// Runs the command and checks what must hold for every run: it ended by itself with an exit code, and did not
/// panic.
pub fn run(command: &mut Command) -> Run {
    let output = command.output().expect("proc runs");
    let run = Run {
        code: output
            .status
            .code()
            .expect("proc exited by itself (not killed by a signal or the timeout)"),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "proc panicked:\n{}",
        run.stderr
    );
    assert!(
        !run.stdout.contains("panicked"),
        "proc panicked:\n{}",
        run.stdout
    );
    run
}

/// The `rule` of every finding in `proc lint --format json` output.
pub fn json_rules(stdout: &str) -> Vec<String> {
    json_findings(stdout, "rule")
}

/// The `message` of every finding in `proc lint --format json` output.
pub fn json_messages(stdout: &str) -> Vec<String> {
    json_findings(stdout, "message")
}

fn json_findings(stdout: &str, field: &str) -> Vec<String> {
    let document: serde_json::Value =
        serde_json::from_str(stdout).expect("--format json prints valid JSON");
    document["findings"]
        .as_array()
        .expect("the JSON document has a findings list")
        .iter()
        .map(|finding| {
            finding[field]
                .as_str()
                .unwrap_or_else(|| panic!("every finding has a `{field}`"))
                .to_owned()
        })
        .collect()
}

/// A small valid process (approved 2020-01-01, reviewed in April, no steps) for tests to build on.
pub fn process(id: &str, name: &str) -> proc::model::Process {
    use proc::model::{Approval, Date, Month, Process, ReviewCycle, Version};
    Process {
        id: proc::model::ProcessId::new(id).expect("a valid id"),
        name: name.into(),
        goal: "Mål".into(),
        scope: None,
        language: None,
        owner: "Ägare".into(),
        users: None,
        target_group: None,
        authors: vec![],
        partners: vec![],
        approved: Some(Approval {
            date: Date(jiff::civil::date(2020, 1, 1)),
            by: "Chef".into(),
        }),
        updated: None,
        reviews: vec![],
        retired: None,
        version: Version("1".into()),
        review_cycle: Month::new(4).map(|month| ReviewCycle::Month {
            month,
            every: None,
            description: None,
        }),
        prerequisites: None,
        metrics: vec![],
        interfaces: vec![],
        unmapped: vec![],
        steps: vec![],
    }
}

/// Checks a page the way a browser builds it (parsed with html5ever): no element that runs or embeds anything, no
/// event handler, and no address other than http, https, mailto or relative. The number of elements, or the first
/// problem found.
pub fn active_html(html: &str) -> Result<usize, String> {
    let document = scraper::Html::parse_document(html);
    let mut elements = 0;
    for node in document.root_element().descendants() {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        elements += 1;
        let name = element.name().to_lowercase();
        if [
            "script",
            "iframe",
            "img",
            "object",
            "embed",
            "foreignobject",
            "base",
            "form",
        ]
        .contains(&name.as_str())
        {
            return Err(format!("<{name}> in the page"));
        }
        for (attribute, value) in element.attrs() {
            let attribute = attribute.to_lowercase();
            if attribute.starts_with("on") {
                return Err(format!("event handler {attribute}={value:?} on <{name}>"));
            }
            if ["href", "src", "xlink:href", "action", "formaction"].contains(&attribute.as_str()) {
                let value = value.trim().to_lowercase();
                let scheme = value
                    .split_once(':')
                    .map(|(scheme, _)| scheme)
                    .filter(|scheme| !scheme.contains(['/', '?', '#']));
                if !matches!(scheme, None | Some("https" | "http" | "mailto")) {
                    return Err(format!("unsafe url in <{name} {attribute}={value:?}>"));
                }
            }
        }
    }
    Ok(elements)
}

/// Runs git in `dir` as `author` (and, when `date` is given, with the author's and the committer's date at noon of
/// that day, so that a history made by a test is the same on every run); the test fails if git does.
pub fn git_as(dir: &Path, author: &str, date: Option<&str>, args: &[&str]) {
    let mut command = std::process::Command::new("git");
    command
        .current_dir(dir)
        .args([
            "-c",
            &format!("user.name={author}"),
            "-c",
            "user.email=author@example.invalid",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args);
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+02:00"))
            .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+02:00"));
    }
    let output = command.output().expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}
