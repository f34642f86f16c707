//! `proc import` on files: reading an export, converting it, checking that `proc lint` can read the result, and
//! writing it without replacing a process file unless asked.

use std::path::{Path, PathBuf};

use crate::finding::{Finding, Severity};
use crate::lint::LintOptions;
use crate::model::ProcessId;

use super::Imported;

/// How the converted files are written.
#[derive(Debug, Clone)]
pub struct ImportRequest {
    /// Where `ID.yaml` goes (made if missing).
    pub folder: PathBuf,
    /// Convert and check, but write nothing.
    pub dry_run: bool,
    /// Replace a process file that exists.
    pub force: bool,
    /// The id of the process instead of one made from its name (for one file only).
    pub id: Option<ProcessId>,
}

/// An export that was converted (and, unless a dry run, written).
#[derive(Debug)]
pub struct ImportedFile {
    pub target: PathBuf,
    pub imported: Imported,
    /// What `proc lint` finds in the result.
    pub findings: Vec<Finding>,
}

impl ImportedFile {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    /// What the coordinator is told about the import of `file` (on stderr): where it went, what to look at, and
    /// what `proc lint` will say of the result.
    pub fn report(&self, file: &Path, dry_run: bool) -> String {
        let (file, target) = (file.display(), self.target.display());
        let (name, steps) = (&self.imported.name, self.imported.steps);
        let verb = if dry_run { "would import" } else { "imported" };
        let mut report = format!("{verb} {file} → {target}: \"{name}\", {steps} steps\n");
        for note in &self.imported.notes {
            report.push_str(&format!("  note: {note}\n"));
        }
        for warning in &self.imported.warnings {
            let (line, message) = (warning.line, &warning.message);
            report.push_str(&format!("  {file}:{line}: warning: {message}\n"));
        }
        if self.findings.is_empty() {
            report.push_str("  lints clean\n");
        } else {
            let errors = crate::report::plural(self.count(Severity::Error), "error", "errors");
            let warnings =
                crate::report::plural(self.count(Severity::Warning), "warning", "warnings");
            let rules = self.rules().join(", ");
            report.push_str(&format!(
                "  `proc lint` finds {errors} and {warnings} ({rules}): run it on the file to see them\n"
            ));
        }
        report
    }

    /// The names of the rules with findings, each once, sorted.
    pub fn rules(&self) -> Vec<&'static str> {
        let mut rules: Vec<&str> = self
            .findings
            .iter()
            .map(|finding| finding.rule.name)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules
    }
}

/// Why an export was not imported.
#[derive(Debug, PartialEq, Eq)]
pub enum ImportFailure {
    /// The file is not such an export, its result would not be readable, or its target exists (exit 1).
    Refused(String),
    /// The file could not be read or the result written (exit 2).
    Io(String),
}

/// Imports one exported chart. `options` are those `proc lint` would check the result with.
pub fn import_file(
    file: &Path,
    request: &ImportRequest,
    options: &LintOptions,
) -> Result<ImportedFile, ImportFailure> {
    let shown = file.display();
    let max_file_size = options.config.max_file_size;
    // An export is a few kilobytes; the same limit as for process files keeps a wrong file from taking minutes.
    if let Some(size) = std::fs::metadata(file)
        .ok()
        .map(|metadata| metadata.len())
        .filter(|size| *size > max_file_size)
    {
        return Err(ImportFailure::Refused(format!(
            "{shown}: the file is {size} bytes, more than the limit of {max_file_size} bytes, so it was not read (an \
             exported chart is a few kilobytes: check that this is the right file, or raise `max-file-size` in \
             proc.toml)"
        )));
    }
    let bytes = std::fs::read(file)
        .map_err(|error| ImportFailure::Io(format!("cannot read {shown}: {error}")))?;
    let imported = match crate::internal::contain(|| super::import(&bytes, request.id.as_ref())) {
        Ok(Ok(imported)) => imported,
        Ok(Err(error)) => return Err(ImportFailure::Refused(format!("{shown}: {error}"))),
        Err(message) => {
            return Err(ImportFailure::Io(format!(
                "{shown}: {}",
                crate::internal::bug_report(&message)
            )));
        }
    };
    let folder = &request.folder;
    let target = match crate::write::file_inside(folder, &imported.id.file_name("yaml")) {
        Ok(target) => target,
        Err(_) if !folder.exists() => folder.join(imported.id.file_name("yaml")),
        Err(message) => return Err(ImportFailure::Io(format!("{shown}: {message}"))),
    };
    // What is written must be a file `proc lint` can read: never one it would refuse outright.
    let (_, findings) = crate::processes::lint_text(&target, imported.yaml.clone(), options);
    let unreadable = findings
        .iter()
        .find(|finding| crate::load::RULES.contains(&finding.rule));
    let size = imported.yaml.len() as u64;
    let reason = match unreadable {
        Some(finding) => Some(format!("{} [{}]", finding.message, finding.rule.name)),
        None if size > max_file_size => Some(format!(
            "it would be {size} bytes, more than the limit of {max_file_size} bytes"
        )),
        None => None,
    };
    if let Some(reason) = reason {
        return Err(ImportFailure::Refused(format!(
            "{shown}: the converted process was not written, because `proc lint` could not read it: {reason}"
        )));
    }
    if !request.dry_run && !request.force && target.exists() {
        return Err(ImportFailure::Refused(format!(
            "{shown}: {} exists already; nothing was written (use --force to replace it, or --out to write \
             elsewhere)",
            target.display()
        )));
    }
    if !request.dry_run {
        std::fs::create_dir_all(folder)
            .and_then(|()| {
                if request.force {
                    crate::write::write_atomically(&target, &imported.yaml, || Ok(()))
                } else {
                    // A file that appeared since the check above is not replaced either.
                    crate::write::write_new(&target, &imported.yaml)
                }
            })
            .map_err(|error| {
                ImportFailure::Io(format!("cannot write {}: {error}", target.display()))
            })?;
    }
    Ok(ImportedFile {
        target,
        imported,
        findings,
    })
}
