//! `proc render --format pdf`: the PDF is read back with a PDF library (lopdf) and checked for what a reader and a
//! printer rely on: pages, text that extracts intact, the table header on every page, metadata, and no way for a
//! process file to put active content or Typst markup into it.

use crate::common;

use lopdf::{Document, Object};
use proc::model::{Approval, Date, Language, Process, Step, Version};
use proc::render::{self, pdf};

fn options() -> render::PageOptions {
    render::PageOptions {
        today: jiff::civil::date(2026, 11, 23),
        within_days: 30,
        language: None,
        default_language: Language::Sv,
        known: Default::default(),
        site: false,
        pdf: true,
    }
}

/// A process with many long steps: its step table runs over several pages.
fn long_process() -> Process {
    Process {
        id: proc::model::ProcessId::new("lang-process").expect("an id"),
        name: "Hembesök för familjer med spädbarn".into(),
        goal: "Stöd för föräldraskapet och barnets välmående".into(),
        language: Some(Language::Sv),
        owner: "Äldreomsorgens chef".into(),
        approved: Approval {
            date: Date(jiff::civil::date(2024, 3, 1)),
            by: "Nämnden".into(),
        },
        version: Version("2.1".into()),
        steps: (1..=24)
            .map(|index| Step {
                id: None,
                name: format!("Besök {index}"),
                what: format!(
                    "Hälsovårdaren träffar familjen för besök nummer {index}. {}",
                    "Samtal om sömn, mat, växande och föräldrarnas ork; vid behov hänvisning vidare. ".repeat(4)
                ),
                responsible: vec![
                    "Hälsovårdare".into(),
                    if index % 2 == 0 {
                        "Familjearbetare".into()
                    } else {
                        "Läkare".into()
                    },
                ],
                metrics: Some("Andel besök som gjorts i tid".into()),
                evaluation: Some("Årligen i verksamhetsplanen".into()),
                instructions: vec![],
                next: vec![],
            })
            .collect(),
        ..common::process("lang-process", "")
    }
}

fn page_text(document: &Document, page: u32) -> String {
    document
        .extract_text(&[page])
        .unwrap_or_else(|error| panic!("page {page} extracts: {error}"))
}

/// The text of a PDF with its line breaks and hyphenation undone, so a phrase can be found wherever it wrapped.
fn flat(text: &str) -> String {
    text.replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_process_flows_over_pages_with_the_table_header_on_each() {
    let bytes = pdf::pdf(&long_process(), &options(), pdf::PdfDate::default()).expect("a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let pages = document.get_pages();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let last = pages.len();

    let first = page_text(&document, 1);
    assert!(
        first.contains("Hembesök för familjer med spädbarn"),
        "{first}"
    );
    assert!(first.contains("Processens mål"), "{first}");

    for page in 2..=last as u32 {
        let text = page_text(&document, page);
        assert!(
            text.contains("Vad görs här") && text.contains("Mätare och målnivå"),
            "the table header is not repeated on page {page}: {text}"
        );
        assert!(
            flat(&text).contains(&format!("Sida {page} av {last}")),
            "footer of page {page}: {text}"
        );
        assert!(
            text.contains("Version 2.1"),
            "footer of page {page}: {text}"
        );
    }
    let all = flat(
        &(1..=last as u32)
            .map(|page| page_text(&document, page))
            .collect::<String>(),
    );
    assert!(
        all.contains("Samtal om sömn, mat, växande och föräldrarnas ork"),
        "{all}"
    );
    // Every step is there, once: none lost at a page break.
    for index in 1..=24 {
        assert!(all.contains(&format!("Besök {index} ")), "step {index}");
    }
}

#[test]
fn the_examples_render_to_pdf_with_metadata_and_swedish_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args([
                "render",
                "processes",
                "--today",
                "2026-11-23",
                "--format",
                "pdf",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(!dir.path().join("oro-for-anknytning.html").exists());
    let document =
        Document::load(dir.path().join("oro-for-anknytning.pdf")).expect("lopdf reads the PDF");
    assert_eq!(document.get_pages().len(), 2);
    let text = flat(&page_text(&document, 1));
    for phrase in [
        "Oro för anknytning",
        "Optimalt välmående för barnet och familjen",
        "T.f. social- och hälsovårdsdirektör Pia-Maria Sjöström",
        "Försenad granskning",
    ] {
        assert!(text.contains(phrase), "{phrase:?} in {text}");
    }
    let info = match document.trailer.get(b"Info").expect("an Info dictionary") {
        Object::Reference(id) => document.get_dictionary(*id).expect("Info").clone(),
        Object::Dictionary(dictionary) => dictionary.clone(),
        other => panic!("Info is {other:?}"),
    };
    let field = |key: &[u8]| {
        let bytes = info.get(key).and_then(Object::as_str).expect("a string");
        lopdf::decode_text_string(&Object::string_literal(bytes.to_vec())).expect("text")
    };
    assert_eq!(field(b"Title"), "Oro för anknytning");
    assert_eq!(field(b"Author"), "Elina Sandkulla");
    // The document's own date (its last update), not the day it was rendered.
    assert!(
        String::from_utf8_lossy(
            info.get(b"CreationDate")
                .and_then(Object::as_str)
                .expect("a date")
        )
        .starts_with("D:20210514"),
        "{info:?}"
    );
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let render_to = |dir: &std::path::Path| {
        let output = common::run(
            common::proc()
                .args([
                    "render",
                    "processes",
                    "--site",
                    "--today",
                    "2026-11-23",
                    "--format",
                    "both",
                    "--out",
                ])
                .arg(dir),
        );
        assert_eq!(output.code, 0, "{}", output.stderr);
    };
    let (first, second) = (
        tempfile::tempdir().expect("a temporary directory"),
        tempfile::tempdir().expect("a temporary directory"),
    );
    render_to(first.path());
    render_to(second.path());
    let mut names: Vec<_> = std::fs::read_dir(first.path())
        .expect("the output folder")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    names.sort();
    // Per example its page, its chart alone (SVG) and its PDF, and the index.
    assert_eq!(names.len(), 10, "{names:?}");
    for name in names {
        let a = std::fs::read(first.path().join(&name)).expect("first");
        let b = std::fs::read(second.path().join(&name)).expect("second");
        assert!(a == b, "{name:?} differs between two renders");
    }
}

#[test]
fn hostile_text_stays_text_in_the_pdf() {
    let path = common::root().join("tests/fixtures/render/fientlig.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let process = Process::from_node(&loaded.root.expect("parses")).expect("typed");
    let bytes = pdf::pdf(&process, &options(), pdf::PdfDate::default())
        .expect("hostile text still gives a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    // No link to anything but http(s), and no script or launch action anywhere.
    for object in document.objects.values() {
        let Ok(dictionary) = object.as_dict() else {
            continue;
        };
        if let Ok(uri) = dictionary.get(b"URI").and_then(Object::as_str) {
            let uri = String::from_utf8_lossy(uri);
            assert!(uri.starts_with("https://"), "link to {uri}");
        }
        for key in [
            b"JS".as_slice(),
            b"JavaScript",
            b"Launch",
            b"AA",
            b"OpenAction",
        ] {
            assert!(
                !dictionary.has(key),
                "/{} in the PDF",
                String::from_utf8_lossy(key)
            );
        }
    }
    // The Typst code in the file is shown as the text it is, not run: the page stays white and the text is there.
    let text = flat(
        &(1..=document.get_pages().len() as u32)
            .map(|page| page_text(&document, page))
            .collect::<String>(),
    );
    for literal in [
        "#panic(\"typst\") ]#set page(fill: red)[",
        "<script>alert('namn')</script> Fientlig ]]>",
        "#link(\"javascript:alert(5)\")",
        "[typst] #panic() fet",
    ] {
        assert!(text.contains(literal), "{literal:?} in {text}");
    }
}

#[test]
fn typed_lines_and_word_bullets_keep_their_lines_in_the_pdf() {
    let path = common::root().join("tests/fixtures/render/radbrytningar.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let process = Process::from_node(&loaded.root.expect("parses")).expect("typed");
    let bytes = pdf::pdf(&process, &options(), pdf::PdfDate::default()).expect("a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let text = page_text(&document, 1);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let has = |wanted: &[&str]| lines.windows(wanted.len()).any(|window| window == wanted);
    // The prerequisites' column is wide enough for each typed line: they are the lines, nothing wrapped.
    assert!(
        has(&[
            "Kunnande om anknytning",
            "Tillräckliga personalresurser",
            "Fortbildning varje år"
        ]),
        "{text}"
    );
    // In the narrow step column a typed line may wrap, but each one starts a line.
    for start in ["Vårdnadshavarna kontaktas", "Ett första möte"] {
        assert!(
            lines.iter().any(|line| line.starts_with(start)),
            "no line starts with {start:?}:\n{text}"
        );
    }
    // Word's bullets are the list's own markers, each on a line of its own.
    assert!(
        has(&["Följande görs:", "•", "Stödsamtal", "•", "Hembesök", "•"]),
        "{text}"
    );
}
