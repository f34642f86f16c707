//! `proc due --format email`: one RFC 5322 message per owner with something due, to the addresses `[owners]` in
//! `proc.toml` gives them, ready for `sendmail -t` or any mailer.
//!
//! Each message is in the language of the owner's processes: a plain-text part, the same list as an HTML table,
//! and the calendar of all the owner's processes (as `--format ics` writes it) attached. Every part is base64, so
//! no line of a process name can break the message, and every header is ASCII (RFC 2047 words for the rest).
//! Messages are deterministic for a given `--today`, so a test (or a reviewer) can compare them byte for byte.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::{DueItem, DueOptions};
use crate::config::{Owners, owner_key, owner_name};
use crate::model::Language;
use crate::review_status::ReviewStatus;

/// One message, for one owner.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The owner as the processes write it.
    pub owner: String,
    pub to: Vec<String>,
    /// `OWNER.eml`: a file name made from the owner's name.
    pub file_name: String,
    /// How many processes the message lists.
    pub processes: usize,
    /// The whole message, lines ending in CRLF.
    pub message: String,
}

/// What a message needs besides the processes.
pub struct MailOptions<'a> {
    /// The sender: `kvalitet@example.fi` or `Kvalitetsgruppen <kvalitet@example.fi>`.
    pub from: &'a str,
    pub owners: &'a Owners,
    /// The `Date:` of the messages.
    pub date: jiff::ZonedDateTime,
}

/// An owner with something due but no address to send it to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreachable {
    pub owner: String,
    pub processes: usize,
}

/// The messages of one run.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// For the owners with something due and an address, in the order of the owners' names.
    pub mails: Vec<Mail>,
    /// The owners with something due but no address.
    pub unreachable: Vec<Unreachable>,
    /// The file names of the owners of this run who get no message (nothing due, or no address): a file of that
    /// name from an earlier run is out of date.
    pub without_message: Vec<String>,
}

/// The messages for the owners with something due (overdue, or due within the look-ahead); `items` are all
/// processes (as [`super::items`] gives them): the calendar attached holds every one of the owner's processes with
/// a review cycle. Every owner of `items` has a file name, whether a message is made or not, so that a name does
/// not depend on who has something due today.
pub fn messages(items: &[DueItem], options: &DueOptions, mail: &MailOptions) -> Messages {
    let mut by_owner: BTreeMap<String, Vec<&DueItem>> = BTreeMap::new();
    for item in items {
        by_owner
            .entry(owner_key(&item.owner))
            .or_default()
            .push(item);
    }
    let mut out = Messages::default();
    let mut stems: Vec<String> = Vec::new();
    for owned in by_owner.values() {
        let Some(first) = owned.first() else {
            continue;
        };
        let owner = owner_name(&first.owner);
        let mut slug = crate::model::slug(&owner);
        if slug.is_empty() {
            slug = "owner".to_owned();
        }
        let mut stem = slug.clone();
        let mut counter = 1;
        while stems.contains(&stem) {
            counter += 1;
            stem = format!("{slug}-{counter}");
        }
        stems.push(stem.clone());
        let file_name = format!("{stem}.eml");
        let due: Vec<&DueItem> = owned.iter().copied().filter(|item| item.is_due()).collect();
        let to = mail.owners.addresses(&owner).filter(|_| !due.is_empty());
        let Some(to) = to else {
            if !due.is_empty() {
                out.unreachable.push(Unreachable {
                    owner,
                    processes: due.len(),
                });
            }
            out.without_message.push(file_name);
            continue;
        };
        let language = language_of(&due, options.default_language);
        let calendar: Vec<DueItem> = owned.iter().map(|item| (*item).clone()).collect();
        let message = message(&owner, to, &due, &calendar, &stem, language, options, mail);
        out.mails.push(Mail {
            owner,
            to: to.to_vec(),
            file_name,
            processes: due.len(),
            message,
        });
    }
    out
}

/// The language most of the processes are written in; the default language when it is among the most.
fn language_of(items: &[&DueItem], default: Language) -> Language {
    let count = |language: Language| {
        items
            .iter()
            .filter(|item| item.language == language)
            .count()
    };
    let most = [Language::Sv, Language::Fi, Language::En]
        .into_iter()
        .map(count)
        .max()
        .unwrap_or(0);
    if count(default) == most {
        default
    } else {
        [Language::Sv, Language::Fi, Language::En]
            .into_iter()
            .find(|language| count(*language) == most)
            .unwrap_or(default)
    }
}

struct Words {
    owner: &'static str,
    intro: &'static str,
    /// Process, status, last review, file.
    columns: [&'static str; 4],
    attached: &'static str,
    calendar_file: &'static str,
    sent_by: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::Sv => Words {
            owner: "Processägare",
            intro: "Dessa processer ska granskas enligt årsklockan:",
            columns: ["Process", "Status", "Senaste granskning", "Fil"],
            attached: "Granskningarna finns också som kalenderhändelser i den bifogade filen",
            calendar_file: "granskningar.ics",
            sent_by: "Skickat av proc due",
        },
        Language::Fi => Words {
            owner: "Prosessin omistaja",
            intro: "Nämä prosessit on arvioitava vuosikellon mukaan:",
            columns: ["Prosessi", "Tila", "Edellinen arviointi", "Tiedosto"],
            attached: "Arvioinnit ovat myös kalenteritapahtumina liitteenä olevassa tiedostossa",
            calendar_file: "arvioinnit.ics",
            sent_by: "Lähettänyt proc due",
        },
        Language::En => Words {
            owner: "Process owner",
            intro: "These processes are due for review:",
            columns: ["Process", "Status", "Last review", "File"],
            attached: "The reviews are also calendar events in the attached file",
            calendar_file: "reviews.ics",
            sent_by: "Sent by proc due",
        },
    }
}

fn subject(due: &[&DueItem], language: Language) -> String {
    let overdue = due
        .iter()
        .filter(|item| matches!(item.status, ReviewStatus::Overdue { .. }))
        .count();
    let total = due.len();
    let (lead, late) = match language {
        Language::Sv => ("Processer att granska", "försenade"),
        Language::Fi => ("Arvioitavat prosessit", "myöhässä"),
        Language::En => ("Processes to review", "overdue"),
    };
    let late = match (language, overdue) {
        (Language::Sv, 1) => "försenad",
        _ => late,
    };
    if overdue > 0 {
        format!("{lead}: {total} ({overdue} {late})")
    } else {
        format!("{lead}: {total}")
    }
}

/// Where a process stands, as a sentence: "Försenad sedan 2022-04-30 (1678 dagar)."
fn standing(status: ReviewStatus, language: Language) -> String {
    match (status, language) {
        (ReviewStatus::Overdue { due, days_overdue }, Language::Sv) => {
            format!(
                "Försenad sedan {due} ({days_overdue} {}).",
                plural(days_overdue, "dag", "dagar")
            )
        }
        (ReviewStatus::Overdue { due, days_overdue }, Language::Fi) => {
            format!(
                "Myöhässä {due} alkaen ({days_overdue} {}).",
                plural(days_overdue, "päivä", "päivää")
            )
        }
        (ReviewStatus::Overdue { due, days_overdue }, Language::En) => {
            format!(
                "Overdue since {due} ({days_overdue} {}).",
                plural(days_overdue, "day", "days")
            )
        }
        (ReviewStatus::Upcoming { due, days_left: 0 }, Language::Sv) => {
            format!("Ska granskas senast i dag, {due}.")
        }
        (ReviewStatus::Upcoming { due, days_left: 0 }, Language::Fi) => {
            format!("Arvioitava viimeistään tänään, {due}.")
        }
        (ReviewStatus::Upcoming { due, days_left: 0 }, Language::En) => {
            format!("Due today, {due}.")
        }
        (ReviewStatus::Upcoming { due, days_left }, Language::Sv) => {
            format!(
                "Ska granskas senast {due} (om {days_left} {}).",
                plural(days_left, "dag", "dagar")
            )
        }
        (ReviewStatus::Upcoming { due, days_left }, Language::Fi) => {
            format!("Arvioitava viimeistään {due} ({days_left} päivän kuluttua).")
        }
        (ReviewStatus::Upcoming { due, days_left }, Language::En) => {
            format!(
                "Due by {due} (in {days_left} {}).",
                plural(days_left, "day", "days")
            )
        }
        (status, _) => super::describe(status),
    }
}

fn plural(count: i32, one: &'static str, more: &'static str) -> &'static str {
    if count == 1 { one } else { more }
}

#[allow(clippy::too_many_arguments)]
fn message(
    owner: &str,
    to: &[String],
    due: &[&DueItem],
    calendar: &[DueItem],
    slug: &str,
    language: Language,
    options: &DueOptions,
    mail: &MailOptions,
) -> String {
    let words = words(language);
    let subject = subject(due, language);
    let [_, _, last_review, file] = words.columns;

    let mut text = format!("{}: {owner}\n\n{}\n", words.owner, words.intro);
    for item in due {
        let _ = write!(
            text,
            "\n* {}\n  {}\n  {last_review} {}. {}: {}\n",
            item.name,
            standing(item.status, language),
            item.last_review,
            file,
            item.file
        );
    }
    let _ = write!(
        text,
        "\n{} {}.\n\n-- \n{} {}.\n",
        words.attached, words.calendar_file, words.sent_by, options.today
    );

    let escape = crate::render::escape::text;
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n</head>\n<body style=\"font-family: sans-serif; color: #1a1a1a;\">\n<p><strong>{}:</strong> {}</p>\n<p>{}</p>\n<table style=\"border-collapse: collapse;\">\n<thead><tr>",
        language.code(),
        escape(&subject),
        escape(words.owner),
        escape(owner),
        escape(words.intro)
    );
    for column in words.columns {
        let _ = write!(
            html,
            "<th style=\"border: 1px solid #c5cfdb; padding: 4px 8px; text-align: left; background: #1f4e79; color: #ffffff;\">{}</th>",
            escape(column)
        );
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    let cell = "style=\"border: 1px solid #c5cfdb; padding: 4px 8px; vertical-align: top;\"";
    for item in due {
        let _ = writeln!(
            html,
            "<tr><td {cell}>{}</td><td {cell}>{}</td><td {cell}>{}</td><td {cell}><code>{}</code></td></tr>",
            escape(&item.name),
            escape(&standing(item.status, language)),
            item.last_review,
            escape(&item.file)
        );
    }
    let _ = write!(
        html,
        "</tbody>\n</table>\n<p>{} {}.</p>\n<p style=\"color: #555555;\">{} {}.</p>\n</body>\n</html>\n",
        escape(words.attached),
        escape(words.calendar_file),
        escape(words.sent_by),
        options.today
    );

    let mut ics = Vec::new();
    // Writing to memory cannot fail.
    let _ = super::ics::write(calendar, options, &mut ics);

    let domain = address_of(mail.from)
        .rsplit_once('@')
        .map_or("proc.invalid", |(_, domain)| domain)
        .to_owned();
    let mut out = String::new();
    header(&mut out, "From", &sender(mail.from));
    // One address a line after the first: a role with many addresses stays within the line length.
    header(&mut out, "To", &to.join(",\r\n "));
    header(&mut out, "Subject", &encoded_words(&subject));
    header(
        &mut out,
        "Date",
        &mail.date.strftime("%a, %d %b %Y %H:%M:%S %z").to_string(),
    );
    header(
        &mut out,
        "Message-ID",
        &format!(
            "<proc-due.{}.{slug}@{domain}>",
            options.today.strftime("%Y%m%d")
        ),
    );
    header(&mut out, "MIME-Version", "1.0");
    // RFC 3834: an automatic message, which out-of-office replies leave alone.
    header(&mut out, "Auto-Submitted", "auto-generated");
    header(&mut out, "X-Mailer", MAILER);
    header(
        &mut out,
        "Content-Type",
        "multipart/mixed; boundary=\"=_proc_mixed\"",
    );
    out.push_str("\r\nThis is a message in MIME format.\r\n\r\n--=_proc_mixed\r\n");
    out.push_str("Content-Type: multipart/alternative; boundary=\"=_proc_alternative\"\r\n\r\n");
    out.push_str("--=_proc_alternative\r\n");
    part(&mut out, "text/plain; charset=utf-8", None, &crlf(&text));
    out.push_str("--=_proc_alternative\r\n");
    part(&mut out, "text/html; charset=utf-8", None, &crlf(&html));
    out.push_str("--=_proc_alternative--\r\n\r\n--=_proc_mixed\r\n");
    part(
        &mut out,
        &format!(
            "text/calendar; charset=utf-8; name=\"{}\"",
            words.calendar_file
        ),
        Some(words.calendar_file),
        &String::from_utf8_lossy(&ics),
    );
    out.push_str("--=_proc_mixed--\r\n");
    out
}

/// What `X-Mailer` says; [`write_all`] removes only files whose `X-Mailer` names proc (of any version).
const MAILER: &str = concat!("proc ", env!("CARGO_PKG_VERSION"));

fn header(out: &mut String, name: &str, value: &str) {
    let _ = write!(out, "{name}: {value}\r\n");
}

fn crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// A body part, base64 in lines of 76.
fn part(out: &mut String, content_type: &str, attachment: Option<&str>, body: &str) {
    let _ = write!(out, "Content-Type: {content_type}\r\n");
    if let Some(name) = attachment {
        let _ = write!(
            out,
            "Content-Disposition: attachment; filename=\"{name}\"\r\n"
        );
    }
    out.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
    let encoded = STANDARD.encode(body.as_bytes());
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push_str("\r\n");
    }
    out.push_str("\r\n");
}

/// A header text as RFC 2047 words when it is not plain ASCII, each word at most 75 characters, folded.
fn encoded_words(text: &str) -> String {
    if text.is_ascii() && !text.contains("=?") {
        return text.to_owned();
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        // 45 bytes of UTF-8 are 60 of base64: with `=?utf-8?B?` and `?=`, 72.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(std::mem::take(&mut chunk));
        }
        chunk.push(c);
    }
    words.push(chunk);
    words
        .iter()
        .map(|word| format!("=?utf-8?B?{}?=", STANDARD.encode(word.as_bytes())))
        .collect::<Vec<_>>()
        .join("\r\n ")
}

/// The address inside `Name <address>`, or the whole text.
fn address_of(sender: &str) -> &str {
    let sender = sender.trim();
    match sender.rsplit_once('<') {
        Some((_, rest)) => rest.trim_end_matches('>').trim(),
        None => sender,
    }
}

/// The `From:` value: a display name encoded when it is not ASCII, quoted when it has specials.
fn sender(from: &str) -> String {
    let from = from.trim();
    let Some((name, _)) = from.rsplit_once('<') else {
        return from.to_owned();
    };
    let name = name.trim();
    // A name written in quotes is the name inside them.
    let name = name
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(name)
        .trim();
    let address = address_of(from);
    if name.is_empty() {
        address.to_owned()
    } else if !name.is_ascii() {
        format!("{} <{address}>", encoded_words(name))
    } else if name.chars().any(|c| "()<>[]:;@\\,.\"".contains(c)) {
        format!(
            "\"{}\" <{address}>",
            name.replace('\\', "\\\\").replace('"', "\\\"")
        )
    } else {
        format!("{name} <{address}>")
    }
}

/// Writes each message into `folder` (made if missing) as its file, each file whole or not at all. A message of an
/// earlier run for an owner who gets none now (`without_message`, and only a file proc wrote: its `X-Mailer` header
/// says so) is removed, so a mailer that sends the folder never sends an old reminder. Returns how many it removed.
pub fn write_all(messages: &Messages, folder: &Path) -> Result<usize, String> {
    std::fs::create_dir_all(folder)
        .map_err(|error| format!("cannot make the folder {}: {error}", folder.display()))?;
    for mail in &messages.mails {
        let path = crate::write::file_inside(folder, &mail.file_name)?;
        crate::write::write_output(&path, mail.message.as_bytes())
            .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    }
    let mut removed = 0;
    for name in &messages.without_message {
        let Ok(path) = crate::write::file_inside(folder, name) else {
            continue;
        };
        if is_ours(&path) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}

/// Whether a file is a message proc wrote: its header says so.
fn is_ours(path: &Path) -> bool {
    let Ok(text) = std::fs::read(path) else {
        return false;
    };
    let head = &text[..text.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let header = head.split("\r\n\r\n").next().unwrap_or_default();
    header
        .lines()
        .any(|line| line.starts_with("X-Mailer: proc "))
}

/// The sendmail program: on the PATH, or where Unix systems keep it.
pub fn find_sendmail() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default();
    on_path
        .into_iter()
        .map(|folder| folder.join("sendmail"))
        .chain([
            PathBuf::from("/usr/sbin/sendmail"),
            PathBuf::from("/usr/lib/sendmail"),
        ])
        .find(|candidate| candidate.is_file())
}

/// Pipes each message to `sendmail -t -i` (recipients from `To:`; a line with only a dot does not end the
/// message), with Unix line ends as sendmail expects them. Stops at the first message sendmail refuses.
pub fn send(mails: &[Mail], sendmail: &Path) -> Result<(), String> {
    for mail in mails {
        let mut child = std::process::Command::new(sendmail)
            .args(["-t", "-i"])
            .stdin(std::process::Stdio::piped())
            .spawn()
            .map_err(|error| format!("cannot run {}: {error}", sendmail.display()))?;
        let message = mail.message.replace("\r\n", "\n");
        let written = child
            .stdin
            .take()
            .map(|mut stdin| stdin.write_all(message.as_bytes()));
        let status = child
            .wait()
            .map_err(|error| format!("{}: {error}", sendmail.display()))?;
        if let Some(Err(error)) = written {
            return Err(format!(
                "cannot give the message for {} to {}: {error}",
                mail.owner,
                sendmail.display()
            ));
        }
        if !status.success() {
            return Err(format!(
                "{} refused the message for {} ({status})",
                sendmail.display(),
                mail.owner
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, owner: &str) -> DueItem {
        let date = |text: &str| match text.parse() {
            Ok(date) => date,
            Err(error) => panic!("{error}"),
        };
        DueItem {
            id: id.to_owned(),
            name: format!("Process {id}"),
            owner: owner.to_owned(),
            file: format!("processes/{id}.yaml"),
            last_review: date("2025-04-01"),
            status: ReviewStatus::Overdue {
                due: date("2026-04-30"),
                days_overdue: 5,
            },
            language: Language::Sv,
        }
    }

    #[test]
    fn owners_whose_names_make_one_file_name_get_two_files_and_two_message_ids() {
        let toml = "[owners]\n\"Åsa Öberg\" = \"asa@example.org\"\n\"Asa Oberg\" = \"asa.oberg@example.org\"\n";
        let config = match crate::config::Config::parse(Path::new("proc.toml"), toml) {
            Ok(config) => config,
            Err(error) => panic!("{error}"),
        };
        let Some(owners) = config.owners else {
            panic!("[owners]");
        };
        let options = DueOptions {
            today: jiff::civil::date(2026, 5, 5),
            within_days: 30,
            owner: None,
            all: false,
            default_language: Language::Sv,
            csv_separator: crate::csv::Separator::Semicolon,
        };
        let mail = MailOptions {
            from: "kvalitet@example.org",
            owners: &owners,
            date: match jiff::civil::date(2026, 5, 5).to_zoned_datetime(jiff::tz::TimeZone::UTC) {
                Ok(date) => date,
                Err(error) => panic!("{error}"),
            },
        };
        let messages = messages(
            &[item("a", "Åsa Öberg"), item("b", "Asa Oberg")],
            &options,
            &mail,
        );
        let names: Vec<&str> = messages
            .mails
            .iter()
            .map(|mail| mail.file_name.as_str())
            .collect();
        assert_eq!(names, ["asa-oberg.eml", "asa-oberg-2.eml"]);
        let ids: Vec<&str> = messages
            .mails
            .iter()
            .filter_map(|mail| {
                mail.message
                    .lines()
                    .find(|line| line.starts_with("Message-ID: "))
            })
            .collect();
        assert_eq!(
            ids,
            [
                "Message-ID: <proc-due.20260505.asa-oberg@example.org>",
                "Message-ID: <proc-due.20260505.asa-oberg-2@example.org>"
            ]
        );
    }

    #[test]
    fn a_sender_name_keeps_its_quotes_and_is_quoted_or_encoded_as_a_header_needs() {
        assert_eq!(sender("kvalitet@example.org"), "kvalitet@example.org");
        assert_eq!(
            sender("Kvalitetsgruppen <kvalitet@example.org>"),
            "Kvalitetsgruppen <kvalitet@example.org>"
        );
        assert_eq!(
            sender("Kvalitets \"gruppen\" <k@example.org>"),
            "\"Kvalitets \\\"gruppen\\\"\" <k@example.org>"
        );
        assert_eq!(
            sender("\"Kvalitet, stöd\" <k@example.org>"),
            "=?utf-8?B?S3ZhbGl0ZXQsIHN0w7Zk?= <k@example.org>"
        );
    }
}
