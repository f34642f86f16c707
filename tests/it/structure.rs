//! Structure problems found through the schema are reported as the writer most likely meant them.

use crate::common::{self, json_rules, lint, run};

#[test]
fn alternatives_are_reported_as_the_form_most_likely_meant() {
    let human = run(lint().arg("tests/fixtures/structure/alternatives.yaml"));
    insta::assert_snapshot!("alternatives", human.stdout);
    let json = run(lint().args([
        "--format",
        "json",
        "tests/fixtures/structure/alternatives.yaml",
    ]));
    let messages = common::json_messages(&json.stdout);
    // `{title: Lag}` is a link missing its url, not "text" that happens to be a group of keys.
    assert!(
        messages.iter().any(|m| m.contains("has no `url`")),
        "{messages:?}"
    );
    assert!(
        !messages
            .iter()
            .any(|m| m.contains("entry 1 of `instructions`") && m.contains("should be")),
        "{messages:?}"
    );
    // `{proces: annan}` is one typo, not also a missing `process`.
    assert!(
        !messages.iter().any(|m| m.contains("has no `process`")),
        "{messages:?}"
    );
    // `month` and `windows` together: one finding that names the choice.
    assert!(
        messages
            .iter()
            .any(|m| m.contains("has both `month` and `windows`")),
        "{messages:?}"
    );
    assert_eq!(
        json_rules(&json.stdout),
        [
            "invalid-value",
            "unknown-key",
            "wrong-type",
            "missing-key",
            "wrong-type"
        ]
    );
}
