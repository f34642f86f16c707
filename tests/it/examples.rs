//! The shipped examples are faithful conversions of the exported charts in `../shared/seeds/`: they load into the
//! typed model, and every word of every value in the seed is still there.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use proc::load::load_file;
use proc::model::{Instruction, Interface, Process, ReviewCycle};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn example(id: &str) -> Process {
    let path = repo().join("processes").join(format!("{id}.yaml"));
    let loaded = load_file(&path, Default::default()).expect("the example can be read");
    assert!(loaded.findings.is_empty(), "{:?}", loaded.findings);
    let root = loaded.root.expect("the example parses");
    Process::from_node(&root).expect("the example builds the typed model")
}

/// The seed text, from the shared folder when it is there (it is beside the repository in CI and development)
/// or from the copy kept in the test fixtures.
fn seed(name: &str) -> String {
    let shared = repo().join("../shared/seeds").join(name);
    let copy = repo().join("tests/fixtures/seeds").join(name);
    let path: &Path = if shared.is_file() { &shared } else { &copy };
    std::fs::read_to_string(path).expect("seed text")
}

/// The words of the values in an exported chart: every cell except the labels of the template.
fn seed_words(text: &str) -> BTreeSet<String> {
    const LABEL_ROWS: &[&str] = &["Processens namn", "Process steg"];
    let mut words = BTreeSet::new();
    let mut in_basic_data = false;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}');
        if line.contains("Processens basuppgifter") {
            in_basic_data = true;
            continue;
        }
        if LABEL_ROWS.iter().any(|label| line.starts_with(label)) {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        // In the basic-data block the first cell is the label.
        let values = if in_basic_data {
            &cells[1.min(cells.len())..]
        } else {
            &cells[..]
        };
        for cell in values {
            // `<a href="#">title</a>`: the markup is not content.
            let cell = cell.replace("<a href=\"#\">", " ").replace("</a>", " ");
            words.extend(tokens(&cell));
        }
    }
    words
}

fn tokens(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.chars().count() > 1 && !word.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
}

fn model_words(process: &Process) -> BTreeSet<String> {
    let json = serde_json::to_string(process).expect("serializes");
    let text: String = serde_json::from_str::<serde_json::Value>(&json)
        .map(|value| strings(&value).join(" "))
        .expect("json");
    tokens(&text).collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    match value {
        serde_json::Value::String(text) => vec![text.clone()],
        serde_json::Value::Array(items) => items.iter().flat_map(strings).collect(),
        serde_json::Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

fn assert_no_word_lost(seed_name: &str, process: &Process) {
    let missing: Vec<String> = seed_words(&seed(seed_name))
        .difference(&model_words(process))
        // "Version 1" becomes `version: 1`; "Uppdaterat 14.5.2021" becomes `updated`.
        .filter(|word| !["version", "uppdaterat"].contains(&word.as_str()))
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "words of {seed_name} missing from the example: {missing:?}"
    );
}

/// `processes/oro-for-anknytning.yaml` ("concern about attachment"), written from seed 000.
#[test]
fn the_attachment_example_keeps_every_field_of_seed_000() {
    let process = example("oro-for-anknytning");
    assert_eq!(process.name, "Oro för anknytning");
    assert_eq!(process.goal, "Optimalt välmående för barnet och familjen");
    assert_eq!(process.owner, "Elina Sandkulla");
    assert_eq!(
        process.users.as_deref(),
        Some("Personal inom social och hälsovårdsverket")
    );
    let approved = process.approved.as_ref().expect("approved");
    assert_eq!(approved.date.to_string(), "2018-05-08");
    assert_eq!(
        approved.by,
        "T.f. social- och hälsovårdsdirektör Pia-Maria Sjöström"
    );
    let updated = process.updated.as_ref().expect("updated");
    assert_eq!(updated.date.to_string(), "2021-05-14");
    assert_eq!(
        updated.by,
        [
            "Elina Sandkulla",
            "Lea Gäddnäs",
            "Mikaela Björkskog",
            "Anna-Maria Vibäck"
        ]
    );
    assert_eq!(process.authors.len(), 4);
    assert_eq!(
        process.target_group.as_deref(),
        Some("Personal inom social-och hälsovårdsverket. Blivande föräldrar samt föräldrar.")
    );
    assert_eq!(
        process.prerequisites.as_deref(),
        Some("Kunnande, tillräckliga personalresurser, fortbildning")
    );
    match process.review_cycle.as_ref().expect("review cycle") {
        ReviewCycle::Month {
            month,
            every: None,
            description,
        } => {
            assert_eq!(month.number(), 4);
            assert_eq!(
                description.as_deref(),
                Some("Processen utvärderas och uppdateras enligt årsklockan i april")
            );
        }
        other => panic!("expected one month, got {other:?}"),
    }
    assert_eq!(
        process.interfaces,
        [
            Interface::Text("Depression under graviditet/efter förlossning".into()),
            Interface::Text("EPDS-screening".into())
        ]
    );
    assert_eq!(process.version.to_string(), "1");
    assert_eq!(process.steps.len(), 6);
    assert_eq!(process.steps[3].name, "Vård");
    assert_eq!(process.steps[3].responsible.len(), 5);
    assert_eq!(process.steps[4].instructions.len(), 6);
    assert_no_word_lost("000_444d90640161cbb6.txt", &process);
}

/// `processes/barn-unga-och-familjer-…yaml` ("children, young people and families"), written from seed 001.
#[test]
fn the_children_and_families_example_keeps_every_field_of_seed_001() {
    let process = example("barn-unga-och-familjer-med-langvariga-vard-och-eller-servicebehov");
    assert_eq!(
        process.name,
        "Barn, unga och familjer med långvariga vård- och/ eller servicebehov"
    );
    assert_eq!(
        process.scope.as_deref(),
        Some(
            "Processen avser barn, unga och familjer som har ett behov av vård och/eller service som är längre än 6 månader"
        )
    );
    assert_eq!(process.owner, "Social- och hälsovårdsdirektören");
    let approved = process.approved.as_ref().expect("approved");
    assert_eq!(approved.date.to_string(), "2017-04-07");
    assert!(process.updated.is_none());
    assert_eq!(process.authors.len(), 13);
    assert_eq!(process.partners.len(), 5);
    match process.review_cycle.as_ref().expect("review cycle") {
        ReviewCycle::Windows {
            windows,
            every: None,
            description,
        } => {
            let months: Vec<(u8, u8)> = windows
                .iter()
                .map(|w| (w.from.number(), w.last().number()))
                .collect();
            assert_eq!(months, [(2, 3), (8, 9)]);
            assert!(
                description
                    .as_deref()
                    .is_some_and(|text| text.contains("februari-mars"))
            );
        }
        other => panic!("expected windows, got {other:?}"),
    }
    assert_eq!(process.steps.len(), 5);
    let links: Vec<&Instruction> = process
        .steps
        .iter()
        .flat_map(|step| &step.instructions)
        .collect();
    let placeholder_links = links
        .iter()
        .filter(|instruction| matches!(instruction, Instruction::Link { url, .. } if url == "#"))
        .count();
    assert_eq!(
        placeholder_links, 3,
        "the seed's three placeholder links are kept, and reported by lint"
    );
    assert_no_word_lost("001_b445dc1251eac548.txt", &process);
}
