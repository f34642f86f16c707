//! Just enough HTTP/1.1 for a browser on this machine: `GET` and `HEAD`, one request per connection, a thread per
//! connection. Anything else gets a short error status, and nothing a request holds can make it panic or wait
//! forever: the head is read with a size limit and a timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::watch::Changes;
use super::{Response, Route};

/// How often an open event stream is sent a comment when nothing changes: a closed page is noticed by the failed
/// write, and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The largest request head read: a browser's is under 2 KiB.
const MAX_HEAD: u64 = 16 * 1024;

/// How long a connection may take to send its whole request head, and a write may wait for the browser.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Connections answered at once: a browser opens six per host; more is a runaway script, answered 503.
const MAX_CONNECTIONS: usize = 64;

/// Who may ask. On a loopback address only requests naming this computer (`Host: localhost:8000`…) are
/// answered, so that a web page whose name was made to point at 127.0.0.1 (DNS rebinding) cannot read the
/// processes through the visitor's browser. Listening on the network (`--bind`), any name is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hosts {
    ThisComputer,
    Any,
}

/// Answers every connection on `listener` with `respond`, each on a thread of its own, until the process ends.
/// `/_proc/events` waits on `changes`.
pub fn serve(
    listener: TcpListener,
    hosts: Hosts,
    respond: Arc<dyn Fn(&Route) -> Response + Send + Sync>,
    changes: Arc<Changes>,
) -> std::io::Result<()> {
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let stream = match stream {
            Ok(stream) => stream,
            // Out of file handles, say: wait a little rather than spin.
            Err(_) => {
                std::thread::sleep(Duration::from_millis(50));
                continue;
            }
        };
        if open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            open.fetch_sub(1, Ordering::SeqCst);
            let _ = write_response(&mut &stream, &plain(503, "too many connections\n"), false);
            continue;
        }
        let (respond, changes, done) = (
            Arc::clone(&respond),
            Arc::clone(&changes),
            Arc::clone(&open),
        );
        // Typst lays out a PDF by deep recursion: the threads that may make one get the stacks of `proc render`'s
        // (address space only, until used).
        let spawned = std::thread::Builder::new()
            .stack_size(crate::render::output::RENDER_STACK_SIZE)
            .spawn(move || {
                // The browser may go away at any time: what it did not wait for is nobody's error.
                let _ = answer(stream, hosts, respond.as_ref(), &changes);
                done.fetch_sub(1, Ordering::SeqCst);
            });
        // No thread for this connection (the system is out of them): it is closed, and the browser may try again.
        if spawned.is_err() {
            open.fetch_sub(1, Ordering::SeqCst);
        }
    }
    Ok(())
}

/// A short plain-text answer.
fn plain(status: u16, text: &str) -> Response {
    Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: text.as_bytes().to_vec(),
    }
}

/// The request line and the `Host` header of a request head, read within [`TIMEOUT`] and [`MAX_HEAD`].
fn read_head(stream: &TcpStream) -> std::io::Result<(String, Option<String>)> {
    let deadline = Instant::now() + TIMEOUT;
    let mut reader = BufReader::new(stream.take(MAX_HEAD));
    let mut first = Vec::new();
    reader.read_until(b'\n', &mut first)?;
    let mut host = None;
    let mut line = Vec::new();
    loop {
        if Instant::now() > deadline {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 || line == b"\r\n" || line == b"\n" {
            break;
        }
        let text = String::from_utf8_lossy(&line);
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_owned());
        }
    }
    Ok((String::from_utf8_lossy(&first).into_owned(), host))
}

/// Whether `Host` names this computer: `localhost`, `127.0.0.1` or `[::1]`, with any port.
fn names_this_computer(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.split(':').next().unwrap_or_default(),
    };
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "::1"
}

/// Reads one request from `stream` and writes its answer.
pub fn answer(
    mut stream: TcpStream,
    hosts: Hosts,
    respond: &(dyn Fn(&Route) -> Response + Send + Sync),
    changes: &Changes,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(TIMEOUT))?;
    stream.set_write_timeout(Some(TIMEOUT))?;
    let (request_line, host) = read_head(&stream)?;
    let mut parts = request_line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    if method.is_empty() || target.is_empty() {
        return write_response(&mut stream, &plain(400, "not an HTTP request\n"), false);
    }
    if hosts == Hosts::ThisComputer && !host.as_deref().is_none_or(names_this_computer) {
        let refused = plain(
            421,
            "proc serve answers requests for localhost or 127.0.0.1 only\n",
        );
        return write_response(&mut stream, &refused, method == "HEAD");
    }
    let route = Route::of(target);
    if method == "GET" && route == Route::Events {
        return events(stream, changes, since(target));
    }
    let response = match method {
        "GET" | "HEAD" => respond(&route),
        _ => plain(405, "proc serve answers GET and HEAD only\n"),
    };
    write_response(&mut stream, &response, method == "HEAD")
}

/// The change the page was made after, from `?since=N` in the address of its event stream.
fn since(target: &str) -> Option<u64> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|value| value.parse().ok())
}

/// Server-Sent Events: `data: reload` after every change since the page was made (`since`, else since now), a
/// comment now and then otherwise, until the page goes away.
fn events(mut stream: TcpStream, changes: &Changes, since: Option<u64>) -> std::io::Result<()> {
    let mut seen = since.unwrap_or_else(|| changes.now());
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
          X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n: proc serve\n\n",
    )?;
    stream.flush()?;
    loop {
        let now = changes.wait_past(seen, KEEP_ALIVE);
        if now > seen {
            seen = now;
            stream.write_all(b"data: reload\n\n")?;
        } else {
            stream.write_all(b": still here\n\n")?;
        }
        stream.flush()?;
    }
}

fn write_response(
    out: &mut impl Write,
    response: &Response,
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match response.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let allow = if response.status == 405 {
        "Allow: GET, HEAD\r\n"
    } else {
        ""
    };
    // no-store: the page is made from the file as it is now, and a cached one would show an old version.
    let head = format!(
        "HTTP/1.1 {} {reason}\r\n{allow}Content-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        response.status,
        response.content_type,
        response.body.len()
    );
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(&response.body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_computer_are_this_computer() {
        for host in [
            "localhost:8000",
            "LOCALHOST",
            "127.0.0.1:41129",
            "[::1]:8000",
            "[::1]",
        ] {
            assert!(names_this_computer(host), "{host}");
        }
        for host in [
            "evil.example:8000",
            "127.0.0.1.evil.example",
            "localhost.evil.example",
            "",
            "[::2]:80",
        ] {
            assert!(!names_this_computer(host), "{host}");
        }
    }

    #[test]
    fn the_event_stream_starts_from_the_change_its_page_was_made_after() {
        assert_eq!(since("/_proc/events?since=7"), Some(7));
        assert_eq!(since("/_proc/events?x=1&since=12"), Some(12));
        assert_eq!(since("/_proc/events"), None);
        assert_eq!(since("/_proc/events?since=-1"), None);
    }

    #[test]
    fn a_response_has_its_length_and_no_body_for_head() {
        let response = Response {
            status: 404,
            content_type: "text/html; charset=utf-8",
            body: b"<p>nej</p>".to_vec(),
        };
        let mut out = Vec::new();
        write_response(&mut out, &response, false).expect("written");
        let text = String::from_utf8(out).expect("text");
        assert!(text.starts_with("HTTP/1.1 404 Not Found\r\n"), "{text}");
        assert!(text.contains("Content-Length: 10\r\n"), "{text}");
        assert!(text.contains("Cache-Control: no-store\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n<p>nej</p>"), "{text}");
        let mut head = Vec::new();
        write_response(&mut head, &response, true).expect("written");
        assert!(String::from_utf8(head).expect("text").ends_with("\r\n\r\n"));
    }
}
