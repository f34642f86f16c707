//! Just enough HTTP/1.1 for a browser on this machine: `GET` and `HEAD`, one request per connection, a thread per
//! connection. Anything else gets a short error status, and nothing a request holds can make it panic or wait
//! forever: the head is read with a size limit and a timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

use super::watch::Changes;
use super::{Response, Route};

/// How often an open event stream is sent a comment when nothing changes: a closed page is noticed by the failed
/// write, and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The largest request head read: a browser's is under 2 KiB.
const MAX_HEAD: u64 = 16 * 1024;

/// How long a connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(10);

/// Answers every connection on `listener` with `respond`, each on a thread of its own, until the process ends.
/// `/_proc/events` waits on `changes`.
pub fn serve(
    listener: TcpListener,
    respond: Arc<dyn Fn(&Route) -> Response + Send + Sync>,
    changes: Arc<Changes>,
) -> std::io::Result<()> {
    for stream in listener.incoming() {
        // A connection that failed before it was accepted (reset by the browser) is not the server's end.
        let Ok(stream) = stream else { continue };
        let respond = Arc::clone(&respond);
        let changes = Arc::clone(&changes);
        // Typst lays out a PDF by deep recursion: the threads that may make one get the stacks of `proc render`'s.
        let spawned = std::thread::Builder::new()
            .stack_size(crate::render::output::RENDER_STACK_SIZE)
            .spawn(move || {
                // The browser may go away at any time: what it did not wait for is nobody's error.
                let _ = answer(stream, respond.as_ref(), &changes);
            });
        // No thread for this connection (the system is out of them): it is closed, and the browser may try again.
        drop(spawned);
    }
    Ok(())
}

/// Reads one request from `stream` and writes its answer.
pub fn answer(
    mut stream: TcpStream,
    respond: &(dyn Fn(&Route) -> Response + Send + Sync),
    changes: &Changes,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(READ_TIMEOUT))?;
    let request_line = {
        let mut reader = BufReader::new((&stream).take(MAX_HEAD));
        let mut first = String::new();
        reader.read_line(&mut first)?;
        // The rest of the head (headers) is read and ignored, up to the blank line that ends it.
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
                break;
            }
        }
        first
    };
    let mut parts = request_line.split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let route = Route::of(target);
    if method == "GET" && route == Route::Events {
        return events(stream, changes);
    }
    let response = match method {
        "GET" | "HEAD" => respond(&route),
        _ => Response {
            status: 405,
            content_type: "text/plain; charset=utf-8",
            body: b"proc serve answers GET and HEAD only\n".to_vec(),
        },
    };
    write_response(&mut stream, &response, method == "HEAD")
}

/// Server-Sent Events: `data: reload` after every change from now on, a comment now and then otherwise, until
/// the page goes away.
fn events(mut stream: TcpStream, changes: &Changes) -> std::io::Result<()> {
    let mut seen = changes.now();
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
        500 => "Internal Server Error",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    // no-store: the page is made from the file as it is now, and a cached one would show an old version.
    let head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
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
