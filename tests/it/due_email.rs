//! `proc due --format email`: one message per owner, read back by an independent parser (Python's `email`
//! package), sent through a stand-in for sendmail, and the mistakes a coordinator can make in setting it up.

use crate::common::{proc, root, run};

use std::path::Path;
use std::process::Command;

const TOML: &str = r#"[owners]
"Elina Sandkulla" = "elina.sandkulla@example.fi"
# Case and spaces do not count.
"social- och HÄLSOVÅRDSDIREKTÖREN" = ["direktor@example.fi", "kansli@example.fi"]
Ekonomichefen = "ekonomi@example.fi"

[mail]
from = "Kvalitetsgruppen på Åland <kvalitet@example.fi>"
"#;

/// The processes of `tests/fixtures/due/repo`, the leap-day one (Ekonomichefen's) in Finnish, and one more process
/// due whose owner has no address; with `toml` as proc.toml.
fn repository(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let processes = dir.path().join("processes");
    std::fs::create_dir(&processes).expect("processes/");
    for entry in std::fs::read_dir(root().join("tests/fixtures/due/repo")).expect("the fixture") {
        let path = entry.expect("an entry").path();
        let mut text = std::fs::read_to_string(&path).expect("read");
        if path.ends_with("leap-day.yaml") {
            text = text.replace("owner: Ekonomichefen", "owner: Ekonomichefen\nlanguage: fi");
        }
        std::fs::write(processes.join(path.file_name().expect("a name")), text).expect("write");
    }
    let children = std::fs::read_to_string(processes.join("children.yaml")).expect("read");
    std::fs::write(
        processes.join("stranger.yaml"),
        children.replace("id: children", "id: stranger").replace(
            "owner: Social- och hälsovårdsdirektören",
            "owner: Okänd Ägare",
        ),
    )
    .expect("write");
    std::fs::write(dir.path().join("proc.toml"), toml).expect("proc.toml");
    dir
}

fn due(dir: &Path, args: &[&str]) -> crate::common::Run {
    run(proc()
        .current_dir(dir)
        .args(["due", "--format", "email", "--today", "2026-11-23"])
        .args(args))
}

/// What Python's `email` package (policy `default`, the strict modern parser) reads in each message, as JSON.
const READ_BACK: &str = r#"
import email, email.policy, json, pathlib, sys
out = {}
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.eml")):
    raw = path.read_bytes()
    message = email.message_from_bytes(raw, policy=email.policy.default)
    parts = []
    defects = [repr(d) for d in message.defects]
    for part in message.walk():
        defects += [repr(d) for d in part.defects]
        if part.is_multipart():
            parts.append(part.get_content_type())
            continue
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "filename": part.get_filename(),
            "content": part.get_content(),
        })
    out[path.name] = {
        "from": str(message["From"]),
        "from_address": message["From"].addresses[0].addr_spec,
        "from_name": message["From"].addresses[0].display_name,
        "to": [a.addr_spec for a in message["To"].addresses],
        "subject": str(message["Subject"]),
        "date": message["Date"].datetime.isoformat(),
        "message_id": str(message["Message-ID"]),
        "auto_submitted": str(message["Auto-Submitted"]),
        "defects": defects,
        "parts": parts,
        "crlf_only": b"\n" not in raw.replace(b"\r\n", b""),
        "longest_line": max(len(line) for line in raw.split(b"\r\n")),
    }
print(json.dumps(out, ensure_ascii=False))
"#;

fn python() -> Option<&'static str> {
    ["python3", "python"].into_iter().find(|python| {
        Command::new(python)
            .args(["-c", "import email.policy"])
            .output()
            .is_ok_and(|output| output.status.success())
    })
}

#[test]
fn each_owner_gets_one_message_that_an_independent_parser_reads() {
    let repo = repository(TOML);
    let dir = repo.path();
    // A message of an earlier run for an owner who gets none now goes; a file proc did not write stays, and so does
    // a message for someone who is not an owner of this run.
    std::fs::create_dir(dir.join("out")).expect("out/");
    let old = "From: a@example.fi\r\nX-Mailer: proc 0.0.1\r\n\r\nOld\r\n";
    std::fs::write(dir.join("out/okand-agare.eml"), old).expect("write");
    std::fs::write(dir.join("out/someone-else.eml"), old).expect("write");
    std::fs::write(
        dir.join("out/notes.eml"),
        "From: a@example.fi\r\n\r\nMine\r\n",
    )
    .expect("write");

    let output = due(dir, &["--out", "out"]);
    assert_eq!(output.code, 1, "an owner without an address: {output:?}");
    assert_eq!(
        output.stdout, "",
        "nothing on stdout: the messages are files"
    );
    assert_eq!(
        output.stderr,
        "warning: Okänd Ägare has 1 process due but no address under [owners] in proc.toml, so no reminder was made\n\
         help: add `\"Okänd Ägare\" = \"name@example.org\"` under [owners] in proc.toml\n"
    );
    let mut files: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("out/")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "ekonomichefen.eml",
            "elina-sandkulla.eml",
            "notes.eml",
            "social-och-halsovardsdirektoren.eml",
            "someone-else.eml"
        ]
    );
    // One owner's run (`--owner`) leaves the other owners' messages alone.
    let output = due(dir, &["--out", "out", "--owner", "sandkulla"]);
    assert_eq!(output.code, 0, "{output:?}");
    assert!(dir.join("out/ekonomichefen.eml").is_file());
    // `--fail-on` works as with every format: Elina Sandkulla has an overdue review.
    let output = due(
        dir,
        &[
            "--out",
            "out",
            "--owner",
            "sandkulla",
            "--fail-on",
            "overdue",
        ],
    );
    assert_eq!(output.code, 1, "{output:?}");
    for name in ["notes.eml", "someone-else.eml"] {
        std::fs::remove_file(dir.join("out").join(name)).expect("remove");
    }
    let elina = std::fs::read_to_string(dir.join("out/elina-sandkulla.eml")).expect("read");
    insta::assert_snapshot!("email_elina", elina);

    let Some(python) = python() else {
        eprintln!("SKIPPED: no Python with the `email` package to read the messages back");
        return;
    };
    let read = Command::new(python)
        .args(["-c", READ_BACK])
        .arg(dir.join("out"))
        .output()
        .expect("python runs");
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let messages: serde_json::Value = serde_json::from_slice(&read.stdout).expect("JSON");
    let elina = &messages["elina-sandkulla.eml"];
    assert_eq!(elina["defects"], serde_json::json!([]), "{elina:#}");
    assert_eq!(elina["from_name"], "Kvalitetsgruppen på Åland");
    assert_eq!(elina["from_address"], "kvalitet@example.fi");
    assert_eq!(
        elina["to"],
        serde_json::json!(["elina.sandkulla@example.fi"])
    );
    assert_eq!(elina["subject"], "Processer att granska: 2 (1 försenad)");
    assert_eq!(elina["date"], "2026-11-23T00:00:00+00:00");
    assert_eq!(
        elina["message_id"],
        "<proc-due.20261123.elina-sandkulla@example.fi>"
    );
    assert_eq!(elina["auto_submitted"], "auto-generated");
    assert_eq!(elina["crlf_only"], true);
    assert!(
        elina["longest_line"]
            .as_u64()
            .is_some_and(|longest| longest <= 78),
        "{elina:#}"
    );
    let parts = elina["parts"].as_array().expect("parts");
    assert_eq!(parts[0], "multipart/mixed");
    assert_eq!(parts[1], "multipart/alternative");
    assert_eq!(parts[2]["type"], "text/plain");
    assert_eq!(
        parts[2]["content"],
        "Processägare: Elina Sandkulla\r\n\r\nDessa processer ska granskas enligt årsklockan:\r\n\r\n\
         * Oro för anknytning\r\n  Försenad sedan 2022-04-30 (1668 dagar).\r\n  Senaste granskning 2021-05-14. Fil: processes/concern.yaml\r\n\r\n\
         * Hembesök\r\n  Ska granskas senast 2026-11-30 (om 7 dagar).\r\n  Senaste granskning 2025-12-10. Fil: processes/soon.yaml\r\n\r\n\
         Granskningarna finns också som kalenderhändelser i den bifogade filen granskningar.ics.\r\n\r\n-- \r\nSkickat av proc due 2026-11-23.\r\n"
    );
    assert_eq!(parts[3]["type"], "text/html");
    let html = parts[3]["content"].as_str().expect("the HTML");
    assert!(html.contains("<td style=\"border: 1px solid #c5cfdb; padding: 4px 8px; vertical-align: top;\">Oro för anknytning</td>"), "{html}");
    assert!(
        html.starts_with("<!DOCTYPE html>\r\n<html lang=\"sv\">"),
        "{html}"
    );
    assert_eq!(parts[4]["type"], "text/calendar");
    assert_eq!(parts[4]["filename"], "granskningar.ics");
    // The calendar attached holds the owner's processes, read by the same independent reader as `--format ics`.
    let ics = parts[4]["content"].as_str().expect("the calendar");
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let uids: Vec<String> = calendar
        .components
        .iter()
        .filter(|component| component.name.as_str() == "VEVENT")
        .flat_map(|event| event.properties.iter())
        .filter(|property| property.name.as_str() == "UID")
        .map(|property| property.val.as_str().to_owned())
        .collect();
    assert_eq!(uids, ["concern@proc-review", "soon@proc-review"]);

    let board = &messages["social-och-halsovardsdirektoren.eml"];
    assert_eq!(board["defects"], serde_json::json!([]));
    assert_eq!(
        board["to"],
        serde_json::json!(["direktor@example.fi", "kansli@example.fi"])
    );
    let finnish = &messages["ekonomichefen.eml"];
    assert_eq!(finnish["subject"], "Arvioitavat prosessit: 1 (1 myöhässä)");
    let text = finnish["parts"][2]["content"].as_str().expect("the text");
    assert!(
        text.starts_with("Prosessin omistaja: Ekonomichefen\r\n"),
        "{text}"
    );
    assert!(
        text.contains("  Myöhässä 2024-02-29 alkaen (998 päivää).\r\n"),
        "{text}"
    );
    assert_eq!(finnish["parts"][4]["filename"], "arvioinnit.ics");
}

#[test]
fn send_pipes_each_message_to_sendmail() {
    let repo = repository(TOML);
    let dir = repo.path();
    let bin = dir.join("bin");
    std::fs::create_dir(&bin).expect("bin/");
    let sendmail = bin.join("sendmail");
    std::fs::write(
        &sendmail,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{log}/args'\ncat >> '{log}/sent'\necho '-----' >> '{log}/sent'\n",
            log = dir.display()
        ),
    )
    .expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&sendmail, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    #[cfg(not(unix))]
    {
        eprintln!("SKIPPED: the stand-in sendmail is a shell script");
        return;
    }
    let path = std::env::join_paths(std::iter::once(bin.clone()).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .expect("a PATH");
    let output = run(proc().current_dir(dir).env("PATH", path).args([
        "due",
        "--format",
        "email",
        "--send",
        "--today",
        "2026-11-23",
    ]));
    assert_eq!(output.code, 1, "{output:?}");
    let args = std::fs::read_to_string(dir.join("args")).expect("sendmail ran");
    assert_eq!(args, "-t -i\n-t -i\n-t -i\n");
    let sent = std::fs::read_to_string(dir.join("sent")).expect("sendmail got messages");
    assert!(!sent.contains('\r'), "sendmail gets Unix line ends");
    // A header line and the lines that continue it (folded: they start with a space).
    let mut to: Vec<String> = Vec::new();
    let mut in_to = false;
    for line in sent.lines() {
        if line.starts_with("To: ") {
            to.push(line.to_owned());
            in_to = true;
        } else if in_to && line.starts_with(' ') {
            if let Some(last) = to.last_mut() {
                last.push_str(line);
            }
        } else {
            in_to = false;
        }
    }
    assert_eq!(
        to,
        [
            "To: ekonomi@example.fi",
            "To: elina.sandkulla@example.fi",
            "To: direktor@example.fi, kansli@example.fi"
        ]
    );
    assert!(!dir.join("out").exists(), "--send alone writes no files");
}

#[test]
fn a_missing_setting_is_said_with_how_to_add_it() {
    let repo = repository("");
    let output = due(repo.path(), &["--out", "out"]);
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains("proc.toml has no [owners]"),
        "{}",
        output.stderr
    );
    assert!(
        output
            .stderr
            .contains("\"Elina Sandkulla\" = \"elina.sandkulla@example.fi\""),
        "{}",
        output.stderr
    );

    let repo = repository(&TOML.replace(
        "[mail]\nfrom = \"Kvalitetsgruppen på Åland <kvalitet@example.fi>\"\n",
        "",
    ));
    let output = due(repo.path(), &["--out", "out"]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .contains("under [mail] in proc.toml, or pass `--from"),
        "{}",
        output.stderr
    );
    // The help followed literally works.
    let output = due(
        repo.path(),
        &["--out", "out", "--from", "kvalitet@example.fi"],
    );
    assert_eq!(output.code, 1, "{output:?}");
    let output = due(
        repo.path(),
        &[
            "--out",
            "out",
            "--from",
            "kvalitet@example.fi\nBcc: x@example.fi",
        ],
    );
    assert_eq!(output.code, 2, "{output:?}");

    let output = due(repo.path(), &[]);
    assert_eq!(output.code, 2);
    assert!(
        output
            .stderr
            .contains("give the folder with `--out DIR`, or `--send`"),
        "{}",
        output.stderr
    );
    let output =
        run(proc()
            .current_dir(repo.path())
            .args(["due", "--out", "out", "--today", "2026-11-23"]));
    assert_eq!(output.code, 2);
    assert!(
        output.stderr.contains("are for `--format email`"),
        "{}",
        output.stderr
    );
}
