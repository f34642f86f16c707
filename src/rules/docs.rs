//! What `proc rules` prints and the README's rule table, both made from the registry so that neither can fall
//! behind the rules that are checked.

use super::registry::{ALL, Rule};

/// The README lines between which [`readme_table`] is written.
pub const README_START: &str = "<!-- rules:start (generated from src/rules/registry.rs; UPDATE_README=1 cargo test --test it readme rewrites it) -->";
pub const README_END: &str = "<!-- rules:end -->";

/// The table `proc rules` prints: every rule on one line, then what `always` means.
pub fn listing() -> String {
    let mut text = String::new();
    for rule in ALL {
        text.push_str(&format!(
            "{}  {:<22} {:<8} {:<7} {}\n",
            rule.code,
            rule.name,
            rule.default_severity.as_str(),
            if rule.suppressible { "" } else { "always" },
            rule.summary()
        ));
    }
    text.push_str(
        "\nRules marked `always` are checked in every file: no suppression comment or proc.toml setting turns them \
         off,\nbecause no command can use a file that breaks them.\n",
    );
    text
}

/// What `proc rules NAME` prints: the code, name and severity, then the explanation with its examples.
pub fn explain(rule: &Rule) -> String {
    let level = if rule.suppressible {
        format!("{} by default", rule.default_severity)
    } else {
        format!(
            "always an {}: it cannot be suppressed or turned off",
            rule.default_severity
        )
    };
    format!(
        "{} {} ({level})\n\n{}\n",
        rule.code,
        rule.name,
        body(rule).join("\n").trim()
    )
}

/// The explanation's lines without the one-space indent of doc comments.
fn body(rule: &Rule) -> Vec<&'static str> {
    rule.explanation
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect()
}

/// The explanation up to its examples: what SARIF shows as the rule's full description.
pub fn prose(rule: &Rule) -> String {
    let lines = body(rule);
    let end = lines
        .iter()
        .position(|line| *line == EXAMPLE)
        .unwrap_or(lines.len());
    lines[..end].join("\n").trim().to_owned()
}

/// The heading of the YAML block that breaks the rule.
pub const EXAMPLE: &str = "Example:";
/// The heading of the YAML block that says the same thing the rule's way.
pub const WRITE_INSTEAD: &str = "Write instead:";

/// The YAML block under `heading` in a rule's explanation, if it has one.
pub fn yaml_block(rule: &Rule, heading: &str) -> Option<String> {
    let lines = body(rule);
    let at = lines.iter().position(|line| *line == heading)?;
    let mut rest = lines[at + 1..].iter().skip_while(|line| line.is_empty());
    if *rest.next()? != "```yaml" {
        return None;
    }
    let block: Vec<&str> = rest.take_while(|line| **line != "```").copied().collect();
    Some(block.iter().map(|line| format!("{line}\n")).collect())
}

/// The README's rule table, in the README's own words: code, name, default severity (`always` for the rules
/// nothing switches off) and the summary.
pub fn readme_table() -> String {
    let mut text = format!(
        "{} rules, generated from the registry (`proc rules NAME` explains each with an example):\n\n\
         | code | name | default | what it finds |\n| --- | --- | --- | --- |\n",
        ALL.len()
    );
    for rule in ALL {
        let default = if rule.suppressible {
            rule.default_severity.as_str().to_owned()
        } else {
            format!("{}, always", rule.default_severity)
        };
        text.push_str(&format!(
            "| {} | {} | {default} | {} |\n",
            rule.code,
            rule.name,
            rule.summary().replace('|', "\\|")
        ));
    }
    text
}

/// The README with its rule table replaced by [`readme_table`]; `None` when the markers are missing.
pub fn readme_with_table(readme: &str) -> Option<String> {
    let start = readme.find(README_START)? + README_START.len();
    let end = start + readme[start..].find(README_END)?;
    Some(format!(
        "{}\n\n{}\n{}",
        &readme[..start],
        readme_table(),
        &readme[end..]
    ))
}
