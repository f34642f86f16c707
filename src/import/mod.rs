//! `proc import`: the plain-text export of a process chart (tab-separated cells: the header row, the step table,
//! the "Processens basuppgifter" key–value block) converted into a process file.
//!
//! The parts are found by their labels, not by line numbers, because exports of the same template differ (an extra
//! column, a heading mark, a blank line inside the table, Finnish labels). Nothing is dropped: text that fits no
//! field is kept in `unmapped` and reported with its line, so a coordinator can move it where it belongs.

use std::collections::HashMap;

use crate::load::{Entry, Node, Scalar, ScalarKind, ScalarStyle, Value};
use crate::model::Language;
use crate::source::Span;

pub mod convert;
pub mod decode;
pub mod files;
pub mod labels;

use convert::{Part, Window};
use labels::Field;

/// Something the importer wants the user to check, with the line of the export it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    pub line: usize,
    pub message: String,
}

/// A converted chart.
#[derive(Debug, Clone)]
pub struct Imported {
    pub id: crate::model::ProcessId,
    pub name: String,
    /// The process file, in the layout of `proc fmt`.
    pub yaml: String,
    pub steps: usize,
    pub warnings: Vec<ImportWarning>,
    /// What was done that the user should know (an encoding converted).
    pub notes: Vec<String>,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    Unreadable(String),
    NotAnExport {
        missing: Vec<String>,
    },
    Misaligned {
        line: usize,
        message: String,
    },
    /// No id can be made from the name (it has no letters a–z once written in ASCII, e.g. only emoji).
    NoId {
        name: String,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => f.write_str("the file is empty"),
            ImportError::Unreadable(reason) => f.write_str(reason),
            ImportError::NotAnExport { missing } => write!(
                f,
                "this is not the text export of a process chart: {} (labels are matched in Swedish and Finnish, \
                 in any case and with or without a colon)",
                missing.join("; ")
            ),
            ImportError::Misaligned { line, message } => write!(f, "line {line}: {message}"),
            ImportError::NoId { name } => write!(
                f,
                "no file name can be made from the process name \"{name}\" (it has no letters a–z, digits or \
                 letters proc can write with them): give the id yourself, e.g. `--id hembesok`"
            ),
        }
    }
}

/// One line of the export, split into its tab-separated cells.
struct Line<'a> {
    number: usize,
    text: &'a str,
    cells: Vec<&'a str>,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// A value and the line it came from.
#[derive(Debug, Clone)]
struct Found {
    text: String,
    line: usize,
}

/// Converts the bytes of an export. The id is made from the process name unless `id` is given.
pub fn import(bytes: &[u8], id: Option<&crate::model::ProcessId>) -> Result<Imported, ImportError> {
    let decoded = decode::decode(bytes).map_err(ImportError::Unreadable)?;
    if decoded.text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let lines: Vec<Line<'_>> = decoded
        .text
        .split('\n')
        .enumerate()
        .map(|(index, text)| Line {
            number: index + 1,
            text,
            cells: text.split('\t').map(str::trim).collect(),
        })
        .collect();
    let mut chart = Chart::default();
    chart.read(&lines)?;
    let mut imported = chart.into_process(id)?;
    imported.notes.extend(decoded.note);
    Ok(imported)
}

#[derive(Default)]
struct Chart {
    fields: HashMap<Field, Found>,
    /// Values of the basic data that repeat a header field, to compare.
    repeated: Vec<(Field, Found)>,
    scope: Option<Found>,
    steps: Vec<StepRow>,
    unmapped: Vec<Found>,
    warnings: Vec<ImportWarning>,
    swedish: usize,
    finnish: usize,
}

#[derive(Default)]
struct StepRow {
    line: usize,
    cells: HashMap<Field, String>,
}

fn count_matches(line: &Line<'_>, fields: &[Field]) -> usize {
    line.cells
        .iter()
        .filter(|cell| labels::field_of(cell, fields).is_some())
        .count()
}

impl Chart {
    fn note_language(&mut self, language: Language) {
        match language {
            Language::Fi => self.finnish += 1,
            _ => self.swedish += 1,
        }
    }

    fn unmapped(&mut self, line: usize, text: String, why: &str) {
        self.warnings.push(ImportWarning {
            line,
            message: format!("{why}: kept under `unmapped` — move it to the right field"),
        });
        self.unmapped.push(Found { text, line });
    }

    fn read(&mut self, lines: &[Line<'_>]) -> Result<(), ImportError> {
        let header = lines.iter().position(|line| {
            line.cells.len() >= 2
                && count_matches(line, labels::HEADER) >= 2
                && line
                    .cells
                    .iter()
                    .any(|cell| labels::field_of(cell, &[Field::Name]).is_some())
        });
        let table = lines.iter().position(|line| {
            count_matches(line, labels::STEP_TABLE) >= 3
                && line
                    .cells
                    .iter()
                    .any(|cell| labels::field_of(cell, &[Field::Step]).is_some())
        });
        let mut missing = Vec::new();
        if header.is_none() {
            missing.push(format!(
                "no header row with the labels {}",
                labels::shown(&[Field::Name, Field::Goal, Field::Owner, Field::Approved])
            ));
        }
        if table.is_none() {
            missing.push(format!(
                "no step table with the labels {}",
                labels::shown(labels::STEP_TABLE)
            ));
        }
        let (Some(header), Some(table)) = (header, table) else {
            return Err(ImportError::NotAnExport { missing });
        };
        if table < header {
            return Err(ImportError::NotAnExport {
                missing: vec!["the step table comes before the header row".to_owned()],
            });
        }
        for line in &lines[..header] {
            if !line.is_blank() {
                self.unmapped(
                    line.number,
                    convert::tidy(&line.cells.join(" ")),
                    &format!("line {}: text above the header row", line.number),
                );
            }
        }
        let values_at = self.read_header(lines, header, table)?;
        for line in &lines[values_at + 1..table] {
            if line.is_blank() {
                continue;
            }
            let text = convert::tidy(&line.cells.join(" "));
            let label = labels::normalize(&text);
            if (label.starts_with("processen avser") || label.starts_with("prosessi koskee"))
                && self.scope.is_none()
            {
                self.scope = Some(Found {
                    text,
                    line: line.number,
                });
            } else {
                self.unmapped(
                    line.number,
                    text,
                    &format!(
                        "line {}: text between the header and the step table",
                        line.number
                    ),
                );
            }
        }
        let end = self.read_steps(lines, table);
        self.read_basic(&lines[end..]);
        Ok(())
    }

    /// The header row and its values; returns the index of the values line.
    fn read_header(
        &mut self,
        lines: &[Line<'_>],
        header: usize,
        table: usize,
    ) -> Result<usize, ImportError> {
        let labels_line = &lines[header];
        let Some(values_at) = (header + 1..table).find(|&index| !lines[index].is_blank()) else {
            return Err(ImportError::Misaligned {
                line: labels_line.number,
                message: "the header row has no line of values under it".to_owned(),
            });
        };
        let values = &lines[values_at];
        let label_count = labels_line.cells.len();
        if values.cells.len() != label_count {
            return Err(ImportError::Misaligned {
                line: values.number,
                message: format!(
                    "the header row (line {}) has {label_count} labels but the line under it has {} values: a \
                     value was split or joined in the export, so it is not known which value belongs to which \
                     label; put one tab between the values, as between the labels",
                    labels_line.number,
                    values.cells.len()
                ),
            });
        }
        let mut dated: Vec<&str> = Vec::new();
        for (label, value) in labels_line.cells.iter().zip(&values.cells) {
            if convert::find_date(value).is_some() {
                dated.push(label);
            }
            match labels::field_of(label, labels::HEADER) {
                Some((field, language)) => {
                    self.note_language(language);
                    if !value.is_empty() {
                        self.fields.insert(
                            field,
                            Found {
                                text: (*value).to_owned(),
                                line: values.number,
                            },
                        );
                    }
                }
                None if !value.is_empty() => self.unmapped(
                    values.number,
                    format!("{}: {value}", label.trim_end_matches(':')),
                    &format!(
                        "line {}: the header label \"{label}\" is not one proc knows",
                        values.number
                    ),
                ),
                None if !label.is_empty() => self.unmapped(
                    labels_line.number,
                    format!("{}:", label.trim_end_matches(':')),
                    &format!(
                        "line {}: the header label \"{label}\" is not one proc knows (its value is empty)",
                        labels_line.number
                    ),
                ),
                None => {}
            }
        }
        // The approval is the dated value; a date under another label means the values moved sideways.
        if let Some(approved) = self.fields.get(&Field::Approved)
            && convert::find_date(&approved.text).is_none()
            && let Some(label) = dated.first()
        {
            return Err(ImportError::Misaligned {
                line: values.number,
                message: format!(
                    "the value under the approval label has no date, but the value under \"{label}\" has one: the \
                     values do not line up with their labels"
                ),
            });
        }
        Ok(values_at)
    }

    /// The step rows; returns the index of the first line after the table.
    fn read_steps(&mut self, lines: &[Line<'_>], table: usize) -> usize {
        let columns: Vec<Option<Field>> = lines[table]
            .cells
            .iter()
            .map(|cell| {
                labels::field_of(cell, labels::STEP_TABLE).map(|(field, language)| {
                    self.note_language(language);
                    field
                })
            })
            .collect();
        for (column, (label, field)) in lines[table].cells.iter().zip(&columns).enumerate() {
            if field.is_none() && !label.is_empty() {
                self.unmapped(
                    lines[table].number,
                    format!("{}:", convert::tidy(label).trim_end_matches(':')),
                    &format!(
                        "line {}: column {} of the step table is headed \"{label}\", which is not a label proc \
                         knows",
                        lines[table].number,
                        column + 1
                    ),
                );
            }
        }
        let mut index = table + 1;
        while index < lines.len() {
            let line = &lines[index];
            if line.is_blank() {
                index += 1;
                continue;
            }
            // The table ends at the basic data: its heading, or a "label<TAB>value" line with a known label.
            let first = line.cells.first().copied().unwrap_or_default();
            let heading = labels::field_of(
                first.trim_start_matches(['#', '*', ' ']),
                &[Field::BasicData],
            );
            let key = line.cells.len() <= 2 && labels::field_of(first, labels::BASIC).is_some();
            if heading.is_some() || key {
                break;
            }
            if line.cells.len() == 1 {
                self.unmapped(
                    line.number,
                    convert::tidy(line.text),
                    &format!(
                        "line {}: a line without cells inside the step table",
                        line.number
                    ),
                );
                index += 1;
                continue;
            }
            let mut row = StepRow {
                line: line.number,
                ..StepRow::default()
            };
            for (column, cell) in line.cells.iter().enumerate() {
                match columns.get(column).copied().flatten() {
                    Some(field) => {
                        row.cells.insert(field, (*cell).to_owned());
                    }
                    None if !cell.is_empty() => self.unmapped(
                        line.number,
                        convert::tidy(cell),
                        &format!("line {}: a cell in column {} of the step table, which has no known label", line.number, column + 1),
                    ),
                    None => {}
                }
            }
            self.steps.push(row);
            index += 1;
        }
        index
    }

    fn read_basic(&mut self, lines: &[Line<'_>]) {
        for line in lines {
            if line.is_blank() {
                continue;
            }
            let first = line.cells[0].trim_start_matches(['#', '*', ' ']);
            if line.cells.len() == 1 && labels::field_of(first, &[Field::BasicData]).is_some() {
                continue;
            }
            let value = convert::tidy(&line.cells[1..].join(" "));
            match labels::field_of(first, labels::BASIC) {
                Some((field, language)) => {
                    self.note_language(language);
                    if value.is_empty() {
                        continue;
                    }
                    let found = Found {
                        text: value,
                        line: line.number,
                    };
                    match self.fields.entry(field) {
                        std::collections::hash_map::Entry::Occupied(_) => {
                            self.repeated.push((field, found));
                        }
                        std::collections::hash_map::Entry::Vacant(slot) => {
                            slot.insert(found);
                        }
                    }
                }
                None => {
                    let text = if value.is_empty() {
                        convert::tidy(line.text)
                    } else {
                        format!("{}: {value}", first.trim_end_matches(':').trim())
                    };
                    self.unmapped(
                        line.number,
                        text,
                        &format!(
                            "line {}: \"{}\" is not a label proc knows",
                            line.number,
                            first.trim()
                        ),
                    );
                }
            }
        }
    }

    fn language(&self) -> Language {
        if self.finnish > self.swedish {
            Language::Fi
        } else {
            Language::Sv
        }
    }

    fn text(&self, field: Field) -> Option<&Found> {
        self.fields.get(&field)
    }

    fn into_process(
        mut self,
        id: Option<&crate::model::ProcessId>,
    ) -> Result<Imported, ImportError> {
        let language = self.language();
        let mut map: Vec<(&str, Node)> = Vec::new();
        let name = self
            .text(Field::Name)
            .map(|found| convert::tidy(&found.text))
            .unwrap_or_default();
        let id = match id {
            Some(id) => id.clone(),
            None => crate::model::ProcessId::new(&crate::model::slug(&name))
                .ok_or_else(|| ImportError::NoId { name: name.clone() })?,
        };
        map.push(("id", text_node(&id)));
        map.push(("name", text_node(&name)));
        if let Some(found) = self.text(Field::Goal) {
            map.push(("goal", text_node(&convert::tidy(&found.text))));
        }
        if let Some(scope) = &self.scope {
            map.push(("scope", text_node(&scope.text)));
        }
        map.push(("language", text_node(language.code())));
        for (field, key) in [
            (Field::Owner, "owner"),
            (Field::Users, "users"),
            (Field::TargetGroup, "target_group"),
        ] {
            if let Some(found) = self.text(field) {
                map.push((key, text_node(&convert::tidy(&found.text))));
            }
        }
        let authors = self
            .text(Field::Authors)
            .map(|found| convert::people(&found.text))
            .unwrap_or_default();
        if !authors.is_empty() {
            map.push(("authors", list_node(&authors)));
        }
        if let Some(found) = self.text(Field::Partners) {
            map.push(("partners", list_node(&convert::entries(&found.text, true))));
        }

        match self.text(Field::Approved).cloned() {
            Some(found) => match convert::date_and_rest(&found.text) {
                Some((date, by)) => {
                    let mut approved = vec![("date", text_node(&date.to_string()))];
                    if !by.is_empty() {
                        approved.push(("by", text_node(&by)));
                    }
                    map.push(("approved", map_node(approved)));
                }
                None => self.warnings.push(ImportWarning {
                    line: found.line,
                    message: format!(
                        "the approval \"{}\" has no date (day.month.year), so the process is written as a draft: \
                         record the approval with `proc approve ID --by NAME --date YYYY-MM-DD`",
                        found.text
                    ),
                }),
            },
            None => self.warnings.push(ImportWarning {
                line: 1,
                message: "the chart says nowhere when it was approved, so the process is written as a draft: record \
                          the approval with `proc approve ID --by NAME --date YYYY-MM-DD`"
                    .to_owned(),
            }),
        }
        if let Some(found) = self.text(Field::Updated).cloned() {
            match convert::date_and_rest(convert::strip_update_word(&found.text)) {
                Some((date, rest)) => {
                    let by = convert::updaters(&rest, &authors);
                    let mut updated = vec![("date", text_node(&date.to_string()))];
                    if !by.is_empty() {
                        updated.push(("by", list_node(&by)));
                    }
                    map.push(("updated", map_node(updated)));
                }
                None => self.unmapped(
                    found.line,
                    format!("Uppdaterat: {}", found.text),
                    &format!("line {}: the update has no date", found.line),
                ),
            }
        }
        match self.text(Field::Version).cloned() {
            Some(found) => match convert::version(&found.text) {
                Some(version) => map.push(("version", version_node(&version))),
                None => self.unmapped(
                    found.line,
                    format!("Version: {}", found.text),
                    &format!("line {}: the version has no number", found.line),
                ),
            },
            None => {
                self.warnings.push(ImportWarning {
                    line: 1,
                    message: "the chart has no version number: version 1 is assumed".to_owned(),
                });
                map.push(("version", version_node("1")));
            }
        }
        if let Some(found) = self.text(Field::Review).cloned() {
            let windows = convert::review_windows(&found.text, language);
            let description = text_node(&found.text);
            match windows.as_slice() {
                [] => {
                    self.warnings.push(ImportWarning {
                        line: found.line,
                        message:
                            "no month found in the review sentence: add `month` or `windows` under \
                                  `review_cycle` by hand"
                                .to_owned(),
                    });
                    self.unmapped.push(Found {
                        text: found.text.clone(),
                        line: found.line,
                    });
                }
                [only] if only.from == only.to => map.push((
                    "review_cycle",
                    map_node(vec![
                        ("month", text_node(only.from.name(language))),
                        ("description", description),
                    ]),
                )),
                windows => map.push((
                    "review_cycle",
                    map_node(vec![
                        (
                            "windows",
                            seq_node(windows.iter().map(|w| window_node(w, language)).collect()),
                        ),
                        ("description", description),
                    ]),
                )),
            }
        }
        if let Some(found) = self.text(Field::Prerequisites) {
            map.push(("prerequisites", text_node(&convert::markdown(&found.text))));
        }
        if let Some(found) = self.text(Field::KeyFigures) {
            map.push(("metrics", list_node(&convert::entries(&found.text, false))));
        }
        if let Some(found) = self.text(Field::Interfaces) {
            let items: Vec<String> = convert::entries(&found.text, false)
                .iter()
                .flat_map(|entry| {
                    entry
                        .split(". ")
                        .map(|part| part.trim_end_matches('.').trim().to_owned())
                })
                .filter(|part| !part.is_empty())
                .collect();
            map.push(("interfaces", list_node(&items)));
        }

        let steps: Vec<Node> = std::mem::take(&mut self.steps)
            .into_iter()
            .enumerate()
            .map(|(index, row)| self.step_node(index, &row))
            .collect();
        let step_count = steps.len();
        map.push(("steps", seq_node(steps)));

        // Values the basic data repeats from the header: the header's stay; one that says something else is kept.
        for (field, found) in std::mem::take(&mut self.repeated) {
            let header = self
                .text(field)
                .map(|header| header.text.clone())
                .unwrap_or_default();
            let same = match field {
                Field::Approved => {
                    convert::date_and_rest(&header).map(|(date, by)| (date, by.to_lowercase()))
                        == convert::date_and_rest(&found.text)
                            .map(|(date, by)| (date, by.to_lowercase()))
                }
                _ => labels::normalize(&header) == labels::normalize(&found.text),
            };
            if !same {
                self.unmapped(
                    found.line,
                    found.text.clone(),
                    &format!(
                        "line {}: the basic data says \"{}\" where the header says \"{header}\"; the header's value is used",
                        found.line, found.text
                    ),
                );
            }
        }
        if !self.unmapped.is_empty() {
            let texts: Vec<String> = self
                .unmapped
                .iter()
                .map(|found| found.text.clone())
                .collect();
            map.push(("unmapped", list_node(&texts)));
        }
        let root = map_node(map);
        let yaml = crate::format::emit_document(&root, &[crate::schema::EDITOR_SCHEMA_LINE]);
        self.warnings.sort_by_key(|warning| warning.line);
        Ok(Imported {
            id,
            name,
            yaml,
            steps: step_count,
            warnings: self.warnings,
            notes: Vec::new(),
        })
    }

    fn step_node(&mut self, index: usize, row: &StepRow) -> Node {
        let cell = |field: Field| {
            row.cells
                .get(&field)
                .map(String::as_str)
                .unwrap_or_default()
        };
        let mut step: Vec<(&str, Node)> = Vec::new();
        let name = convert::tidy(cell(Field::Step));
        let name = if name.is_empty() {
            self.warnings.push(ImportWarning {
                line: row.line,
                message: format!(
                    "step {} has no name: it is called \"Steg {}\" for now",
                    index + 1,
                    index + 1
                ),
            });
            format!("Steg {}", index + 1)
        } else {
            name
        };
        step.push(("name", text_node(&name)));
        let what = convert::markdown(cell(Field::What));
        if what.is_empty() {
            self.warnings.push(ImportWarning {
                line: row.line,
                message: format!(
                    "step {} (\"{name}\") says nothing under what is done: fill in `what`",
                    index + 1
                ),
            });
        }
        step.push(("what", text_node(&what)));
        let responsible_cell = cell(Field::Responsible);
        // A link's title is the role only when the cell has nothing else; otherwise the link is kept below.
        let roles_text: String = convert::parts(responsible_cell)
            .into_iter()
            .filter_map(|part| match part {
                Part::Text(text) => Some(text),
                Part::Link(_) => None,
            })
            .collect();
        let responsible = if roles_text.trim().is_empty() {
            convert::entries(&strip_tags(responsible_cell), false)
        } else {
            convert::entries(&roles_text, false)
        };
        step.push(("responsible", list_node(&responsible)));
        // A role is a name, not a link: a link in the column is kept as an instruction of the step.
        let role_links: Vec<convert::Link> = convert::parts(responsible_cell)
            .into_iter()
            .filter_map(|part| match part {
                Part::Link(link) => Some(link),
                Part::Text(_) => None,
            })
            .collect();
        for link in &role_links {
            self.warnings.push(ImportWarning {
                line: row.line,
                message: format!(
                    "step {} (\"{name}\"): the link \"{}\" ({}) in the responsible column is kept under \
                     `instructions`, since a role is a name: check that it belongs there",
                    index + 1,
                    link.title,
                    link.url
                ),
            });
        }
        for (field, key) in [
            (Field::Metrics, "metrics"),
            (Field::Evaluation, "evaluation"),
        ] {
            let text = convert::markdown(cell(field));
            if !text.is_empty() {
                step.push((key, text_node(&text)));
            }
        }
        let mut instructions = self.instructions(cell(Field::Instructions), row.line, index);
        instructions.extend(role_links.iter().map(|link| {
            map_node(vec![
                ("title", text_node(&link.title)),
                ("url", text_node(&link.url)),
            ])
        }));
        if !instructions.is_empty() {
            step.push(("instructions", seq_node(instructions)));
        }
        map_node(step)
    }

    /// Links become `{title, url}`, the text around them one entry per item.
    fn instructions(&mut self, cell: &str, line: usize, index: usize) -> Vec<Node> {
        let mut nodes = Vec::new();
        for part in convert::parts(cell) {
            match part {
                Part::Link(link) => nodes.push(map_node(vec![
                    ("title", text_node(&link.title)),
                    ("url", text_node(&link.url)),
                ])),
                Part::Text(text) => {
                    let entries = convert::entries(&text, false);
                    if let [only] = entries.as_slice()
                        && only
                            .split_whitespace()
                            .skip(1)
                            .any(|word| word.starts_with(char::is_uppercase))
                    {
                        self.warnings.push(ImportWarning {
                            line,
                            message: format!(
                                "the instructions of step {} (\"{only}\") may be several run together: the export \
                                 lost what separated them; check and write one per entry",
                                index + 1
                            ),
                        });
                    }
                    nodes.extend(entries.iter().map(|entry| text_node(entry)));
                }
            }
        }
        nodes
    }
}

/// Text without HTML tags (a list field cannot hold a link).
fn strip_tags(cell: &str) -> String {
    convert::parts(cell)
        .into_iter()
        .map(|part| match part {
            Part::Text(text) => text,
            Part::Link(link) => link.title,
        })
        .collect()
}

fn window_node(window: &Window, language: Language) -> Node {
    let mut entries = Vec::new();
    if let Some(name) = &window.name {
        entries.push(("name", text_node(name)));
    }
    entries.push(("from", text_node(window.from.name(language))));
    entries.push(("to", text_node(window.to.name(language))));
    map_node(entries)
}

fn scalar_node(text: &str, kind: ScalarKind) -> Node {
    Node {
        span: Span::default(),
        value: Value::Scalar(Scalar {
            text: text.to_owned(),
            kind,
            style: ScalarStyle::Plain,
        }),
    }
}

fn text_node(text: &str) -> Node {
    scalar_node(text, ScalarKind::String)
}

/// A version is written as a number when it is a whole number, and quoted otherwise (`"1.10"` stays 1.10).
fn version_node(version: &str) -> Node {
    if version.chars().all(|c| c.is_ascii_digit()) {
        scalar_node(version, ScalarKind::Integer)
    } else {
        text_node(version)
    }
}

fn list_node(items: &[String]) -> Node {
    seq_node(items.iter().map(|item| text_node(item)).collect())
}

fn seq_node(items: Vec<Node>) -> Node {
    Node {
        span: Span::default(),
        value: Value::Seq(items),
    }
}

fn map_node(entries: Vec<(&str, Node)>) -> Node {
    Node {
        span: Span::default(),
        value: Value::Map(
            entries
                .into_iter()
                .map(|(key, value)| Entry {
                    key: text_node(key),
                    value,
                })
                .collect(),
        ),
    }
}
