//! `proc lsp`: the real binary spoken to over stdin and stdout, message by message, as an editor does.
//!
//! These always run with `cargo test`; `tests/lsp/` drives the server with a real client library as well.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use serde_json::{Value, json};

use crate::common::{self, root};

/// A running `proc lsp` and the messages it has sent, stopped when the test ends (also when it fails).
struct Editor {
    child: Child,
    input: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(folder: &Path) -> Editor {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("proc"))
        .args(["lsp", "--today", common::TODAY])
        .current_dir(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("proc lsp starts");
    let output = child.stdout.take().expect("stdout is piped");
    let (sender, messages) = channel();
    std::thread::spawn(move || {
        let mut output = BufReader::new(output);
        while let Some(message) = read_message(&mut output) {
            if sender.send(message).is_err() {
                break;
            }
        }
    });
    let input = child.stdin.take();
    Editor {
        child,
        input,
        messages,
        next_id: 0,
    }
}

/// One message in the protocol's framing: headers, a blank line, then `Content-Length` bytes of JSON.
fn read_message(output: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if output.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    output.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

impl Editor {
    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let input = self.input.as_mut().expect("the input is open");
        write!(input, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("proc lsp reads");
        input.flush().expect("proc lsp reads");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its result, keeping what else arrives meanwhile out of the way.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let response = self.wait(|message| message["id"] == id);
        assert!(response.get("error").is_none(), "{response}");
        response["result"].clone()
    }

    /// The first message the server sends that `wanted` picks; others are passed over.
    fn wait(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(Duration::from_secs(60))
                .expect("proc lsp answers within a minute");
            if wanted(&message) {
                return message;
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait(|message| {
            message["method"] == "textDocument/publishDiagnostics"
                && message["params"]["uri"] == uri
                && message["params"]["version"] == version
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The code actions offered for one diagnostic of `uri`.
    fn actions(&mut self, uri: &str, diagnostic: &Value) -> Value {
        self.request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": diagnostic["range"],
                "context": {"diagnostics": [diagnostic]},
            }),
        )
    }

    /// The rule codes of the diagnostics published for `uri` at `version`.
    fn codes(&mut self, uri: &str, version: i64) -> Vec<String> {
        self.diagnostics(uri, version)
            .iter()
            .map(|diagnostic| diagnostic["code"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    fn initialize(&mut self, folder: &Path) -> Value {
        self.initialize_with(folder, json!({}))
    }

    fn initialize_with(&mut self, folder: &Path, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "capabilities": capabilities,
                "workspaceFolders": [{"uri": uri(folder), "name": "processes"}],
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}),
        );
        uri
    }

    fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            }),
        );
    }

    /// `shutdown`, then `exit`: the exit status of the server.
    fn stop(mut self) -> i32 {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        // Editors may still say something in between (a file closed as the window closes): passed over.
        self.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": "file:///closed.yaml"}}),
        );
        self.notify("exit", Value::Null);
        self.input = None;
        self.child
            .wait()
            .expect("proc lsp stops")
            .code()
            .unwrap_or(-1)
    }
}

fn uri(path: &Path) -> String {
    let path = path.to_str().expect("a test path is Unicode");
    let mut uri = String::from("file://");
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(byte));
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri
}

/// A copy of the example repository (`proc.toml` and `processes/`) that a test may change.
fn repository() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("a temporary folder");
    std::fs::copy(root().join("proc.toml"), folder.path().join("proc.toml")).expect("proc.toml");
    std::fs::create_dir(folder.path().join("processes")).expect("processes/");
    for entry in std::fs::read_dir(root().join("processes")).expect("the examples") {
        let path = entry.expect("an example").path();
        if let Some(name) = path.file_name() {
            std::fs::copy(&path, folder.path().join("processes").join(name)).expect("an example");
        }
    }
    folder
}

const NAME: &str = "oro-for-anknytning";

#[test]
fn the_editor_gets_the_findings_of_proc_lint_as_it_types_and_a_fix_for_them() {
    let folder = repository();
    let path = folder.path().join(format!("processes/{NAME}.yaml"));
    let text = std::fs::read_to_string(&path).expect("the example");
    let mut editor = start(folder.path());
    let initialized = editor.initialize(folder.path());
    assert_eq!(initialized["serverInfo"]["name"], "proc");
    assert_eq!(initialized["capabilities"]["positionEncoding"], "utf-16");

    let uri = editor.open(&path, &text);
    assert_eq!(editor.diagnostics(&uri, 1), Vec::<Value>::new());

    // A legacy date, pasted from the old chart, before the file is saved.
    let broken = text.replacen("  date: 2018-05-08", "  date: 8.5.2018", 1);
    assert_ne!(broken, text);
    editor.change(&uri, 2, &broken);
    let diagnostics = editor.diagnostics(&uri, 2);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let diagnostic = &diagnostics[0];
    assert_eq!(diagnostic["code"], "P302");
    assert_eq!(diagnostic["source"], "proc legacy-date");
    assert_eq!(diagnostic["severity"], 1);
    // Where `proc lint` puts it: on the date, counted from 0.
    let line = broken
        .lines()
        .position(|line| line == "  date: 8.5.2018")
        .expect("the date's line");
    assert_eq!(
        diagnostic["range"],
        json!({"start": {"line": line, "character": 8}, "end": {"line": line, "character": 16}})
    );
    // The message is `proc lint`'s, help included.
    std::fs::write(&path, &broken).expect("save");
    let lint = common::run(
        common::proc()
            .args(["lint", "--format", "json", "--today", common::TODAY])
            .current_dir(folder.path()),
    );
    let lint: Value = serde_json::from_str(&lint.stdout).expect("proc lint's JSON");
    let finding = lint["findings"]
        .as_array()
        .and_then(|findings| findings.iter().find(|finding| finding["code"] == "P302"))
        .unwrap_or_else(|| panic!("no P302 in {lint}"));
    let text_of = |key: &str| finding[key].as_str().unwrap_or_default().to_owned();
    assert_eq!(
        diagnostic["message"],
        format!("{}\nhelp: {}", text_of("message"), text_of("help"))
    );

    // The quick fix writes the date as `proc lint --fix` would, and the finding goes.
    let actions = editor.actions(&uri, diagnostic);
    let fix = actions
        .as_array()
        .and_then(|actions| actions.iter().find(|action| action["isPreferred"] == true))
        .unwrap_or_else(|| panic!("no preferred fix in {actions}"));
    let edits = fix["edit"]["changes"][&uri]
        .as_array()
        .unwrap_or_else(|| panic!("no edits in {fix}"));
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0]["range"], diagnostic["range"]);
    assert_eq!(edits[0]["newText"], "2018-05-08");
    editor.change(&uri, 3, &text);
    assert_eq!(editor.diagnostics(&uri, 3), Vec::<Value>::new());

    assert_eq!(editor.stop(), 0);
}

#[test]
fn formatting_is_proc_fmt() {
    let folder = repository();
    let path = folder.path().join(format!("processes/{NAME}.yaml"));
    let text = std::fs::read_to_string(&path).expect("the example");
    let untidy = text.replacen("name: ", "name:    ", 1);
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    let uri = editor.open(&path, &untidy);
    editor.diagnostics(&uri, 1);
    let edits = editor.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    std::fs::write(&path, &untidy).expect("save");
    let fmt = common::run(common::proc().arg("fmt").arg(&path));
    assert_eq!(fmt.code, 0, "{fmt:?}");
    let formatted = std::fs::read_to_string(&path).expect("formatted");
    assert_ne!(formatted, untidy);
    // One edit replacing the whole text with what `proc fmt` writes.
    assert_eq!(edits.as_array().map(Vec::len), Some(1), "{edits}");
    assert_eq!(edits[0]["newText"], formatted);
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    assert_eq!(editor.stop(), 0);
}

/// An editor that goes away without `shutdown` leaves a server that stops by itself, with an error status.
#[test]
fn the_server_stops_when_the_editor_goes_away() {
    let folder = repository();
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    editor.input = None;
    let status = editor.child.wait().expect("proc lsp stops");
    assert_eq!(status.code(), Some(2));

    // Not the protocol at all: an error and a stop, no panic.
    let mut garbage = start(folder.path());
    let input = garbage.input.as_mut().expect("the input is open");
    input
        .write_all(b"Content-Length: 5\r\n\r\nhello")
        .expect("proc lsp reads");
    garbage.input = None;
    let status = garbage.child.wait().expect("proc lsp stops");
    assert_eq!(status.code(), Some(2));
}

/// A YAML file that is not a process (a CI workflow) gets no findings and is never formatted as a process.
#[test]
fn other_yaml_files_are_left_alone() {
    let folder = repository();
    let workflow = folder.path().join("ci.yaml");
    let text = "name:    CI\non: [push]\njobs:\n  lint:\n    runs-on: ubuntu-latest\n";
    std::fs::write(&workflow, text).expect("write");
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    let uri = editor.open(&workflow, text);
    assert_eq!(editor.diagnostics(&uri, 1), Vec::<Value>::new());
    let edits = editor.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert_eq!(edits, Value::Null);
    let hover = editor.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 1}}),
    );
    assert_eq!(hover, Value::Null);
    assert_eq!(editor.stop(), 0);
}

/// A file added on disk (a `git pull`) counts as soon as the editor says files changed: the open file, unchanged,
/// is told that its id is taken twice now.
#[test]
fn a_change_on_disk_shows_in_the_open_files() {
    let folder = repository();
    let path = folder.path().join(format!("processes/{NAME}.yaml"));
    let text = std::fs::read_to_string(&path).expect("the example");
    let mut editor = start(folder.path());
    editor.initialize_with(
        folder.path(),
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let registration = editor.wait(|message| message["method"] == "client/registerCapability");
    let registered = &registration["params"]["registrations"][0];
    assert_eq!(registered["method"], "workspace/didChangeWatchedFiles");
    assert!(
        registered["registerOptions"]["watchers"]
            .as_array()
            .is_some_and(|watchers| watchers.iter().any(|w| w["globPattern"] == "**/*.yaml")),
        "{registration}"
    );
    editor.send(&json!({"jsonrpc": "2.0", "id": registration["id"], "result": null}));
    let uri = editor.open(&path, &text);
    assert_eq!(editor.diagnostics(&uri, 1), Vec::<Value>::new());

    let copy = folder.path().join("processes/kopia.yaml");
    std::fs::write(&copy, &text).expect("write");
    editor.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": self::uri(&copy), "type": 1}]}),
    );
    assert_eq!(editor.codes(&uri, 1), ["P402"]);
    assert_eq!(editor.stop(), 0);
}

/// "Accept this finding" says what the comment covers, and never puts it where it would break the file or become
/// part of a text.
#[test]
fn accepting_a_finding_says_what_the_comment_covers() {
    let folder = repository();
    let path = folder.path().join("processes/a.yaml");
    // The first entry's text goes on over two lines: a comment at the end of its first line would break the file.
    let text = small_process!("a")
        .replacen("id: a\n", "", 1)
        .replacen("goal: Optimalt välmående för barnet\n", "", 1)
        .replacen("  - name: Bedömning", "  - name: <b>Bedömning</b>", 1);
    let text = format!("goal: Optimalt <b>välmående</b>\n  för barnet\nid: a\n{text}");
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    let uri = editor.open(&path, &text);
    // (The folded text of the goal is a finding too, `folded-text`.)
    let diagnostics: Vec<Value> = editor
        .diagnostics(&uri, 1)
        .into_iter()
        .filter(|diagnostic| diagnostic["code"] == "P505")
        .collect();
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    let accept = |editor: &mut Editor, diagnostic: &Value| {
        let actions = editor.actions(&uri, diagnostic);
        actions
            .as_array()
            .and_then(|actions| {
                actions.iter().find(|action| {
                    action["title"]
                        .as_str()
                        .is_some_and(|title| title.contains("allow(raw-html)"))
                })
            })
            .cloned()
            .unwrap_or_else(|| panic!("no accept in {actions}"))
    };
    let goal = accept(&mut editor, &diagnostics[0]);
    assert_eq!(
        goal["title"],
        "Accept this finding in the whole file: add `# proc: allow(raw-html)` with the reason"
    );
    let edit = &goal["edit"]["changes"][&uri][0];
    assert_eq!(edit["range"]["start"], json!({"line": 0, "character": 0}));
    assert_eq!(
        edit["newText"],
        "# proc: allow(raw-html) (write why it is right here)\n"
    );

    let step = accept(&mut editor, &diagnostics[1]);
    assert_eq!(
        step["title"],
        "Accept this finding in this whole list item: add `# proc: allow(raw-html)` with the reason"
    );
    let edit = &step["edit"]["changes"][&uri][0];
    let line = text
        .lines()
        .position(|line| line.contains("<b>Bedömning"))
        .expect("the step");
    assert_eq!(
        edit["range"]["start"],
        json!({"line": line, "character": 0})
    );
    assert_eq!(
        edit["newText"],
        "  # proc: allow(raw-html) (write why it is right here)\n"
    );
    assert_eq!(editor.stop(), 0);
}

/// `processes` in `proc.toml` written with `..` names the same folder as the editor's paths, which have none:
/// the open file is checked with the others (here: a copy of it on disk takes its id).
#[test]
fn a_processes_folder_written_with_dots_is_the_same_folder() {
    let folder = repository();
    std::fs::create_dir(folder.path().join("tools")).expect("tools/");
    std::fs::write(
        folder.path().join("proc.toml"),
        "processes = \"tools/../processes\"\n",
    )
    .expect("write");
    let path = folder.path().join(format!("processes/{NAME}.yaml"));
    let text = std::fs::read_to_string(&path).expect("the example");
    std::fs::write(folder.path().join("processes/kopia.yaml"), &text).expect("write");
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    let uri = editor.open(&path, &text);
    assert_eq!(editor.codes(&uri, 1), ["P402"]);
    assert_eq!(editor.stop(), 0);
}

/// An open file that `proc lint` passes over (in a hidden folder, or ignored by git) is checked alone: it does
/// not take part in the checks across files, so a copy of a process there is not a duplicate id.
#[test]
fn an_open_file_proc_lint_passes_over_is_checked_alone() {
    let folder = repository();
    let hidden = folder.path().join("processes/.old");
    std::fs::create_dir(&hidden).expect(".old/");
    let text = std::fs::read_to_string(folder.path().join(format!("processes/{NAME}.yaml")))
        .expect("the example");
    let path = hidden.join(format!("{NAME}.yaml"));
    std::fs::write(&path, &text).expect("write");
    let lint = common::run(
        common::proc()
            .args(["lint", "--today", common::TODAY])
            .current_dir(folder.path()),
    );
    assert!(!lint.stdout.contains("P402"), "{lint:?}");
    let mut editor = start(folder.path());
    editor.initialize(folder.path());
    let uri = editor.open(&path, &text);
    assert_eq!(editor.diagnostics(&uri, 1), Vec::<Value>::new());
    assert_eq!(editor.stop(), 0);
}
