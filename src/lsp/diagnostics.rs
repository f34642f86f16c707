//! `proc lint`'s findings as the editor's diagnostics.

use std::collections::HashMap;
use std::path::PathBuf;

use lsp_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString, Uri,
};

use super::position::Encoding;
use crate::finding::{Finding, Rule, Severity};

/// Where the diagnostics' rule codes link to: each rule's explanation (`proc rules NAME`) as a text file in a
/// folder of this server's own, removed when it stops. `proc` has no web site to link to, and the explanation
/// belongs to the version of `proc` that reported the finding, offline like everything else.
pub struct Explanations {
    _folder: tempfile::TempDir,
    links: HashMap<&'static str, Uri>,
}

impl Explanations {
    /// Writes the explanations; `None` when that is not possible (no writable temporary folder), and the codes
    /// are then shown without a link.
    pub fn write() -> Option<Explanations> {
        let folder = tempfile::Builder::new()
            .prefix("proc-rules-")
            .tempdir()
            .ok()?;
        let mut links = HashMap::new();
        for rule in crate::rules::all_rules() {
            let path: PathBuf = folder
                .path()
                .join(format!("{}-{}.txt", rule.code, rule.name));
            std::fs::write(&path, crate::rules::explain(rule)).ok()?;
            links.insert(rule.code, super::uri::from_path(&path)?);
        }
        Some(Explanations {
            _folder: folder,
            links,
        })
    }

    fn link(&self, rule: &Rule) -> Option<CodeDescription> {
        let href = self.links.get(rule.code)?.clone();
        Some(CodeDescription { href })
    }
}

/// One finding as a diagnostic: the same span, the rule's code (linked to its explanation), the message with the
/// help on a line of its own (editors show one text), and the related places.
pub fn diagnostic(
    finding: &Finding,
    encoding: Encoding,
    explanations: Option<&Explanations>,
) -> Diagnostic {
    let span = finding.span.unwrap_or_default();
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .filter_map(|related| {
            let path = std::path::absolute(related.file.path()).ok()?;
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    super::uri::from_path(&path)?,
                    encoding.range(&related.file, related.span),
                ),
                message: related.label.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: encoding.range(&finding.file, span),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.rule.code.to_owned())),
        code_description: explanations.and_then(|explanations| explanations.link(finding.rule)),
        source: Some(format!("proc {}", finding.rule.name)),
        message: finding.message_with_help(),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}
