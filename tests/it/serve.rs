//! `proc serve`: the real binary on a free port, asked over TCP as a browser would.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

use crate::common::{self, root};

/// A running `proc serve`, stopped when the test ends (also when it fails).
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(args: &[&str]) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("proc"))
        .args(["serve", "--port", "0", "--today", common::TODAY])
        .args(args)
        .current_dir(root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("proc serve starts");
    let stderr = child.stderr.take().expect("stderr is piped");
    // The address comes after any warning; what comes later is read on and dropped, so the pipe never fills.
    let mut lines = BufReader::new(stderr).lines();
    let first = lines
        .by_ref()
        .map_while(Result::ok)
        .find(|line| line.contains("http://"))
        .unwrap_or_else(|| panic!("proc serve did not say where it listens"));
    std::thread::spawn(move || lines.for_each(drop));
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_owned();
    assert!(address.starts_with("127.0.0.1:"), "{first}");
    Server { child, address }
}

/// `proc serve` on a folder of its own holding a copy of one example, which the test may change.
struct Copy {
    folder: tempfile::TempDir,
    path: std::path::PathBuf,
    text: String,
    server: Server,
}

fn serve_a_copy() -> Copy {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("oro-for-anknytning.yaml");
    let text = std::fs::read_to_string(root().join("processes/oro-for-anknytning.yaml"))
        .expect("the example");
    std::fs::write(&path, &text).expect("written");
    let server = serve(&[&folder.path().to_string_lossy()]);
    Copy {
        folder,
        path,
        text,
        server,
    }
}

/// Sends `request` (a whole request head) and returns the answer's head and body, as bytes (a PDF is not text).
fn exchange(server: &Server, request: &str) -> (String, Vec<u8>) {
    let mut stream = TcpStream::connect(&server.address).expect("connects");
    stream.write_all(request.as_bytes()).expect("sent");
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).expect("answered");
    let split = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or(answer.len());
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let body = answer.get(split + 4..).unwrap_or_default().to_vec();
    (head, body)
}

/// The status line and the body of `METHOD target`.
fn request(server: &Server, method: &str, target: &str) -> (String, String) {
    let (head, body) = exchange(
        server,
        &format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\n\r\n"),
    );
    let status = head.lines().next().unwrap_or_default().to_owned();
    (status, String::from_utf8(body).expect("a text answer"))
}

#[test]
fn serves_the_index_the_pages_and_the_charts_and_nothing_else() {
    let server = serve(&["processes"]);
    let (status, index) = request(&server, "GET", "/");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(
        index.contains("href=\"./oro-for-anknytning.html\""),
        "{index}"
    );
    let (status, page) = request(&server, "GET", "/oro-for-anknytning.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("Oro för anknytning"));
    let (status, chart) = request(&server, "GET", "/oro-for-anknytning.svg");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(chart.starts_with("<svg"), "{chart}");

    for target in [
        "/../Cargo.toml",
        "/processes/oro-for-anknytning.yaml",
        "/oro-for-anknytning.yaml",
        "/%2e%2e/proc.toml",
        "/no-such-process.html",
        "/src/",
    ] {
        let (status, _) = request(&server, "GET", target);
        assert_eq!(status, "HTTP/1.1 404 Not Found", "{target}");
    }
    let (status, _) = request(&server, "POST", "/");
    assert_eq!(status, "HTTP/1.1 405 Method Not Allowed");
    let (status, body) = request(&server, "HEAD", "/");
    assert_eq!((status.as_str(), body.as_str()), ("HTTP/1.1 200 OK", ""));

    // A page of another site whose name was made to point here (DNS rebinding) is refused.
    let (head, body) = exchange(&server, "GET / HTTP/1.1\r\nHost: evil.example:8000\r\n\r\n");
    let answer = format!("{head}\r\n\r\n{}", String::from_utf8_lossy(&body));
    assert!(answer.starts_with("HTTP/1.1 421 "), "{answer}");
    assert!(!answer.contains("oro-for-anknytning"), "{answer}");
}

#[test]
fn a_saved_change_is_on_the_next_request_and_a_file_with_errors_says_so() {
    let Copy {
        folder: _folder,
        path,
        text,
        server,
    } = serve_a_copy();

    let renamed = text.replacen(
        "name: Oro för anknytning",
        "name: Oro för anknytning i Närpes",
        1,
    );
    assert_ne!(renamed, text, "the example's name line changed");
    std::fs::write(&path, &renamed).expect("written");
    let (_, page) = request(&server, "GET", "/oro-for-anknytning.html");
    assert!(
        page.contains("Oro för anknytning i Närpes"),
        "the saved name is not shown"
    );

    // A file with errors: its findings on top, the last good page below, marked; the index names the file.
    std::fs::write(
        &path,
        renamed.replacen("goal:", "goal: [<img src=x onerror=alert(1)>", 1),
    )
    .expect("written");
    let (status, page) = request(&server, "GET", "/oro-for-anknytning.html");
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(page.contains("has 1 lint error"), "{page}");
    assert!(page.contains("[invalid-yaml]</strong> line "), "{page}");
    assert!(page.contains("proc lint"), "{page}");
    assert!(
        page.contains("goal: ["),
        "the source line is not shown: {page}"
    );
    assert!(
        page.contains("the page as it was before these errors"),
        "{page}"
    );
    assert!(
        page.contains("Oro för anknytning i Närpes"),
        "the last good page is not shown"
    );
    let (_, index) = request(&server, "GET", "/");
    assert!(
        index.contains("Not shown: 1 file with lint errors"),
        "{index}"
    );
    assert!(
        index.contains("href=\"./oro-for-anknytning.html\""),
        "{index}"
    );
}

#[test]
fn an_open_page_is_told_to_reload_when_a_process_file_is_saved_and_only_served_pages_listen() {
    let Copy {
        folder,
        path,
        text,
        server,
    } = serve_a_copy();
    let folder_arg = folder.path().to_string_lossy().into_owned();

    let (_, page) = request(&server, "GET", "/oro-for-anknytning.html");
    assert!(
        page.contains("new EventSource(\"/_proc/events?since="),
        "no reload script in the served page"
    );

    let stream = TcpStream::connect(&server.address).expect("connects");
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(20)))
        .expect("a timeout");
    let mut writer = stream.try_clone().expect("a second handle");
    write!(
        writer,
        "GET /_proc/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .expect("sent");
    let mut events = BufReader::new(stream);
    let mut line = String::new();
    // The head, then the first comment: from here on the stream is listening.
    while !line.starts_with(": proc serve") {
        line.clear();
        assert_ne!(
            events.read_line(&mut line).expect("the stream"),
            0,
            "the stream ended"
        );
    }
    std::fs::write(&path, text.replacen("name: Oro", "name: Ny oro", 1)).expect("written");
    // Keep-alive comments come every 15 s: a broken reload must fail the test, not keep it waiting.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        assert!(
            std::time::Instant::now() < deadline,
            "no reload within 20 s"
        );
        line.clear();
        assert_ne!(
            events.read_line(&mut line).expect("a reload within 20 s"),
            0,
            "the stream ended"
        );
        if line == "data: reload\n" {
            break;
        }
    }

    let out = tempfile::tempdir().expect("a temporary folder");
    let rendered = common::run(common::proc().args([
        "render",
        &folder_arg,
        "--site",
        "--out",
        &out.path().to_string_lossy(),
        "--today",
        common::TODAY,
    ]));
    assert_eq!(rendered.code, 0, "{rendered:?}");
    for name in ["index.html", "oro-for-anknytning.html"] {
        let html = std::fs::read_to_string(out.path().join(name)).expect("rendered");
        assert!(
            !html.contains("EventSource"),
            "{name} written by proc render listens for reloads"
        );
    }
}

#[cfg(feature = "pdf")]
#[test]
fn a_pdf_is_made_on_request_kept_and_made_again_when_its_file_changes() {
    let Copy {
        folder: _folder,
        path,
        text,
        server,
    } = serve_a_copy();
    let pdf = |server: &Server| exchange(server, "GET /oro-for-anknytning.pdf HTTP/1.1\r\n\r\n");
    let (head, first) = pdf(&server);
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(head.contains("Content-Type: application/pdf"), "{head}");
    assert!(first.starts_with(b"%PDF-"), "not a PDF");
    let (_, again) = pdf(&server);
    assert_eq!(again, first, "the same file gives the same PDF");
    let (_, page) = request(&server, "GET", "/oro-for-anknytning.html");
    assert!(
        page.contains("oro-for-anknytning.pdf"),
        "the page links to its PDF"
    );

    std::fs::write(&path, text.replacen("name: Oro", "name: Ny oro", 1)).expect("written");
    let (_, changed) = pdf(&server);
    assert!(changed.starts_with(b"%PDF-"));
    assert_ne!(changed, first, "a changed file gives a new PDF");
}
