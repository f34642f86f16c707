//! The committed JSON Schema is the one generated from the model, and it is a valid draft 2020-12 schema.

use std::path::PathBuf;

#[test]
fn committed_schema_is_generated_from_the_model() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(proc::schema::SCHEMA_PATH);
    let committed = std::fs::read_to_string(&path).expect("schemas/process.schema.json exists");
    let generated = proc::schema::schema_text();
    assert!(
        committed == generated,
        "schemas/process.schema.json is stale: run `cargo run -- schema > schemas/process.schema.json` and commit it"
    );
}

#[test]
fn the_schema_is_valid_draft_2020_12() {
    let schema = proc::schema::schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert!(
        jsonschema::meta::is_valid(schema),
        "the generated schema does not validate against its meta-schema"
    );
}

#[test]
fn proc_schema_prints_the_committed_schema() {
    let output = assert_cmd::Command::cargo_bin("proc")
        .expect("binary")
        .arg("schema")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(proc::schema::SCHEMA_PATH);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        std::fs::read_to_string(path).expect("schema file")
    );
}

#[test]
fn every_example_starts_with_the_editor_schema_line() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("processes");
    for entry in std::fs::read_dir(folder).expect("processes/") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("example");
        assert_eq!(
            text.lines().next(),
            Some(proc::schema::EDITOR_SCHEMA_LINE),
            "{}",
            path.display()
        );
    }
}
