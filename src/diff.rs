//! What changed between two versions of a process, said as a reader would say it ("step 3 *Bedömning* renamed to
//! *Kartläggning*", "role *Psykolog* added to step 4"), not as lines of YAML: what an approver reads before
//! approving, and what the version history of a page says of each version.

use serde::Serialize;

use crate::model::{Instruction, Interface, Language, Process, ReviewCycle, Step};
use crate::render::labels::{Labels, labels};

/// One change, as words and names: the names are what the author wrote (a step's name, a role), shown in
/// italics in Markdown and in quotes in plain text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Change {
    pieces: Vec<Piece>,
    /// A change of the document's records (approval, update, review, retirement, version) rather than of what the
    /// process says.
    #[serde(skip)]
    record: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Piece {
    Words(String),
    Name(String),
}

impl Change {
    fn new() -> Self {
        Change {
            pieces: Vec::new(),
            record: false,
        }
    }

    fn words(mut self, words: impl Into<String>) -> Self {
        let words = words.into();
        if !words.is_empty() {
            self.pieces.push(Piece::Words(words));
        }
        self
    }

    fn name(mut self, name: impl Into<String>) -> Self {
        self.pieces.push(Piece::Name(name.into()));
        self
    }

    fn record(mut self) -> Self {
        self.record = true;
        self
    }

    /// Whether this is a change of the records (approval, update, review, retirement, version), not of the content.
    pub fn is_record(&self) -> bool {
        self.record
    }

    /// The change in parts, each with whether it is a name (shown in italics) or words.
    pub fn parts(&self) -> impl Iterator<Item = (bool, String)> + '_ {
        self.pieces.iter().map(|piece| match piece {
            Piece::Words(words) => (false, words.clone()),
            Piece::Name(name) => (true, one_line(name)),
        })
    }

    /// The change as HTML: names in italics, everything escaped.
    pub fn html(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => crate::render::escape::text(words),
                Piece::Name(name) => {
                    format!("<em>{}</em>", crate::render::escape::text(&one_line(name)))
                }
            })
            .collect()
    }

    /// Plain text: names in quotes.
    pub fn text(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => words.clone(),
                Piece::Name(name) => format!("\"{}\"", one_line(name)),
            })
            .collect()
    }

    /// Markdown: names in italics, with what Markdown would read as markup escaped.
    pub fn markdown(&self) -> String {
        self.pieces
            .iter()
            .map(|piece| match piece {
                Piece::Words(words) => escape_markdown(words),
                Piece::Name(name) => format!("*{}*", escape_markdown(&one_line(name))),
            })
            .collect()
    }
}

/// A long or multi-line text shown in a change is cut to its first line and 80 characters.
fn one_line(text: &str) -> String {
    let first = text.lines().next().unwrap_or_default().trim();
    let cut: String = first.chars().take(80).collect();
    if cut.len() < first.len() || text.trim().lines().count() > 1 {
        format!("{cut}…")
    } else {
        cut
    }
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The changes of one process file since a revision.
#[derive(Debug, Clone, Serialize)]
pub struct FileChanges {
    /// The file as the user named it (or as git names it, for a file removed since).
    pub file: String,
    /// The process's name now (or then, for a removed one).
    pub name: String,
    pub changes: Vec<Change>,
}

/// What changed in the process files under `paths` since `revision` of their git repository: files changed,
/// added and removed. A file that cannot be read as a process (now or then) is said so, as its one change.
pub fn since(revision: &str, paths: &[std::path::PathBuf]) -> Result<Vec<FileChanges>, String> {
    let here = std::env::current_dir().map_err(|error| error.to_string())?;
    let base = crate::rules::changes::Base::new(revision, &here)?;
    let read =
        |text: &str| crate::load::parse_text(text).and_then(|root| Process::from_node(&root).ok());
    let (files, _) = crate::walk::discover(paths);
    let at_base = base.files_at_base()?;
    let mut out = Vec::new();
    for path in files {
        let known = std::fs::canonicalize(&path).is_ok_and(|real| at_base.contains(&real));
        if known && !base.is_changed(&path) {
            continue;
        }
        let file = crate::source::display_path(&path);
        let now = std::fs::read_to_string(&path).ok();
        let now = now.as_deref().and_then(read);
        let then = base.text_at_base(&path);
        let (name, changes) = match (then.as_deref().map(read), now) {
            (None, Some(now)) => (now.name.clone(), vec![Change::new().words("new process")]),
            (Some(Some(then)), Some(now)) => (now.name.clone(), changes(&then, &now)),
            (_, None) => (
                String::new(),
                vec![Change::new().words("cannot be read as a process now: `proc lint` shows why")],
            ),
            (Some(None), Some(now)) => (
                now.name.clone(),
                vec![Change::new().words(format!(
                    "the version of {revision} cannot be read as a process"
                ))],
            ),
        };
        if !changes.is_empty() {
            out.push(FileChanges {
                file,
                name,
                changes,
            });
        }
    }
    let roots: Vec<std::path::PathBuf> = paths
        .iter()
        .filter_map(|path| std::path::absolute(path).ok())
        .collect();
    for (path, text) in base.removed() {
        let yaml = matches!(
            path.extension().and_then(|extension| extension.to_str()),
            Some("yaml" | "yml")
        );
        if !yaml
            || !roots
                .iter()
                .any(|root| path.starts_with(root) || path == *root)
        {
            continue;
        }
        let name = read(&text).map(|process| process.name).unwrap_or_default();
        let file = crate::source::display_path(path.strip_prefix(&here).unwrap_or(&path));
        out.push(FileChanges {
            file,
            name,
            changes: vec![Change::new().words("process removed")],
        });
    }
    Ok(out)
}

/// A field compared: its English name, its heading on the page, and its value before and after.
type Field<'a> = (
    &'a str,
    fn(&Labels) -> &'static str,
    Option<&'a String>,
    Option<&'a String>,
);

/// The words of the changes in one language: English for `proc diff` (the language of proc's messages), the
/// document's own language in the version history of its page, where fields are named by the page's headings.
#[derive(Clone, Copy)]
struct Say {
    language: Language,
    words: &'static Labels,
}

impl Say {
    fn new(language: Language) -> Self {
        Say {
            language,
            words: labels(language),
        }
    }

    fn pick(&self, en: &str, sv: &str, fi: &str) -> String {
        match self.language {
            Language::En => en,
            Language::Sv => sv,
            Language::Fi => fi,
        }
        .to_owned()
    }

    /// A field: its English name in `proc diff`, its heading on the page otherwise.
    fn field(&self, en: &str, label: fn(&Labels) -> &'static str) -> String {
        match self.language {
            Language::En => en.to_owned(),
            _ => label(self.words).to_owned(),
        }
    }

    fn step(&self, number: usize) -> String {
        self.pick(
            &format!("step {number}"),
            &format!("steg {number}"),
            &format!("vaihe {number}"),
        )
    }

    fn every(&self, years: u8) -> String {
        if years <= 1 {
            self.pick("every year", "varje år", "vuosittain")
        } else {
            crate::render::labels::every_years(years, self.language)
        }
    }

    /// A value changed: "owner changed from *A* to *B*" in English, "Processägare: *A* → *B*" on a page.
    fn changed(&self, what: &str, old: &str, new: &str) -> Change {
        match self.language {
            Language::En => Change::new()
                .words(format!("{what} changed from "))
                .name(old)
                .words(" to ")
                .name(new),
            _ => Change::new()
                .words(format!("{}: ", capitalised(what)))
                .name(old)
                .words(" → ")
                .name(new),
        }
    }

    /// A text changed too long to show: only named.
    fn changed_text(&self, what: &str) -> Change {
        Change::new().words(self.pick(
            &format!("{what} changed"),
            &format!("Ändrat: {what}"),
            &format!("Muutettu: {what}"),
        ))
    }

    /// An entry added to a list or a field filled in.
    fn added(&self, what: &str, name: &str) -> Change {
        self.entry(what, name, [" added", "Tillagt i", "Lisätty kohtaan"])
    }

    fn removed(&self, what: &str, name: &str) -> Change {
        self.entry(
            what,
            name,
            [" removed", "Borttaget ur", "Poistettu kohdasta"],
        )
    }

    /// An entry of `what` and what happened to it: after the name in English ("role *X* added"), before the place
    /// on a page ("Tillagt i Mätare och nyckeltal: *X*").
    fn entry(&self, what: &str, name: &str, [en, sv, fi]: [&str; 3]) -> Change {
        match self.language {
            Language::En => Change::new().words(format!("{what} ")).name(name).words(en),
            Language::Sv => Change::new().words(format!("{sv} {what}: ")).name(name),
            Language::Fi => Change::new().words(format!("{fi} {what}: ")).name(name),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Every change from `old` to `new` in English, in the order of the page: the basic data, then the steps.
pub fn changes(old: &Process, new: &Process) -> Vec<Change> {
    changes_in(old, new, Language::En)
}

/// Every change from `old` to `new`, said in `language`.
pub fn changes_in(old: &Process, new: &Process, language: Language) -> Vec<Change> {
    let say = Say::new(language);
    let mut out = Vec::new();
    if old.id != new.id {
        out.push(say.changed(
            &say.pick("id", "id", "tunnus"),
            old.id.as_str(),
            new.id.as_str(),
        ));
    }
    text_field(
        &mut out,
        say,
        &say.pick("name", "namn", "nimi"),
        Some(&old.name),
        Some(&new.name),
    );
    let fields: [Field; 5] = [
        ("goal", |l| l.goal, Some(&old.goal), Some(&new.goal)),
        ("scope", |l| l.scope, old.scope.as_ref(), new.scope.as_ref()),
        ("owner", |l| l.owner, Some(&old.owner), Some(&new.owner)),
        ("users", |l| l.users, old.users.as_ref(), new.users.as_ref()),
        (
            "target group",
            |l| l.target_group,
            old.target_group.as_ref(),
            new.target_group.as_ref(),
        ),
    ];
    for (en, label, before, after) in fields {
        text_field(&mut out, say, &say.field(en, label), before, after);
    }
    list_field(
        &mut out,
        say,
        &say.field("author", |l| l.authors),
        &old.authors,
        &new.authors,
    );
    list_field(
        &mut out,
        say,
        &say.field("partner", |l| l.partners),
        &old.partners,
        &new.partners,
    );
    records(&mut out, say, old, new);
    review_cycle(
        &mut out,
        say,
        old.review_cycle.as_ref(),
        new.review_cycle.as_ref(),
    );
    text_field(
        &mut out,
        say,
        &say.field("prerequisites", |l| l.prerequisites),
        old.prerequisites.as_ref(),
        new.prerequisites.as_ref(),
    );
    list_field(
        &mut out,
        say,
        &say.field("metric", |l| l.key_figures),
        &old.metrics,
        &new.metrics,
    );
    let interface = |interface: &Interface| match interface {
        Interface::Process { process, .. } => process.clone(),
        Interface::Text(text) => text.clone(),
    };
    list_field(
        &mut out,
        say,
        &say.field("interface", |l| l.interfaces),
        &old.interfaces.iter().map(interface).collect::<Vec<_>>(),
        &new.interfaces.iter().map(interface).collect::<Vec<_>>(),
    );
    steps(&mut out, say, &old.steps, &new.steps);
    list_field(
        &mut out,
        say,
        &say.pick("unplaced text", "oplacerad text", "sijoittamaton teksti"),
        &old.unmapped,
        &new.unmapped,
    );
    out
}

/// The approval, update, reviews, retirement and version: the records of the document's control, which the version
/// history of a page shows in its own columns and rows.
fn records(out: &mut Vec<Change>, say: Say, old: &Process, new: &Process) {
    match (&old.approved, &new.approved) {
        (None, Some(approval)) => out.push(
            Change::new()
                .words(say.pick(
                    &format!("approved on {} by ", approval.date),
                    &format!("Godkänd {} av ", approval.date),
                    &format!("Hyväksytty {}, hyväksyjä ", approval.date),
                ))
                .name(&approval.by)
                .record(),
        ),
        (Some(_), None) => out.push(
            Change::new()
                .words(say.pick(
                    "approval removed: a draft again",
                    "Godkännandet borttaget: utkast igen",
                    "Hyväksyntä poistettu: taas luonnos",
                ))
                .record(),
        ),
        (Some(before), Some(after)) if before != after => out.push(
            Change::new()
                .words(say.pick(
                    &format!("approval changed to {} by ", after.date),
                    &format!("Godkännandet ändrat till {} av ", after.date),
                    &format!("Hyväksyntä muutettu: {}, hyväksyjä ", after.date),
                ))
                .name(&after.by)
                .record(),
        ),
        _ => {}
    }
    if old.updated != new.updated
        && let Some(updated) = &new.updated
    {
        out.push(
            Change::new()
                .words(say.pick(
                    &format!("updated on {} by ", updated.date),
                    &format!("Uppdaterad {} av ", updated.date),
                    &format!("Päivitetty {}, päivittäjä ", updated.date),
                ))
                .name(updated.by.join(", "))
                .record(),
        );
    }
    for review in new
        .reviews
        .iter()
        .filter(|review| !old.reviews.contains(review))
    {
        let change = Change::new()
            .words(say.pick(
                &format!("review on {} by ", review.date),
                &format!("Granskad {} av ", review.date),
                &format!("Arvioitu {}, arvioija ", review.date),
            ))
            .name(&review.by)
            .words(say.pick(" recorded", "", ""))
            .record();
        out.push(match &review.note {
            Some(note) => change.words(": ").name(note),
            None => change,
        });
    }
    if old.retired.is_none()
        && let Some(retired) = &new.retired
    {
        let change = Change::new()
            .words(say.pick(
                &format!("retired on {}", retired.date),
                &format!("Arkiverad {}", retired.date),
                &format!("Arkistoitu {}", retired.date),
            ))
            .record();
        out.push(match &retired.replaced_by {
            Some(id) => change
                .words(say.pick(", replaced by ", ", ersatt av ", ", korvaaja "))
                .name(id),
            None => change,
        });
    }
    if old.version != new.version {
        out.push(
            Change::new()
                .words(format!(
                    "{} {} → {}",
                    say.pick("version", "Version", "Versio"),
                    old.version,
                    new.version
                ))
                .record(),
        );
    }
}

fn text_field(
    out: &mut Vec<Change>,
    say: Say,
    what: &str,
    old: Option<&String>,
    new: Option<&String>,
) {
    match (old, new) {
        (Some(old), Some(new)) if old != new => {
            // Short values are shown; a changed paragraph is only named.
            if old.chars().count() <= 80 && new.chars().count() <= 80 && !new.contains('\n') {
                out.push(say.changed(what, old, new));
            } else {
                out.push(say.changed_text(what));
            }
        }
        (None, Some(new)) => out.push(match say.language {
            Language::En => Change::new().words(format!("{what} added: ")).name(new),
            _ => say.added(what, new),
        }),
        (Some(_), None) => out.push(Change::new().words(say.pick(
            &format!("{what} removed"),
            &format!("Borttaget: {what}"),
            &format!("Poistettu: {what}"),
        ))),
        _ => {}
    }
}

/// Entries removed from and added to a list, each by its text.
fn list_field(out: &mut Vec<Change>, say: Say, what: &str, old: &[String], new: &[String]) {
    for removed in old.iter().filter(|entry| !new.contains(entry)) {
        out.push(say.removed(what, removed));
    }
    for added in new.iter().filter(|entry| !old.contains(entry)) {
        out.push(say.added(what, added));
    }
}

fn review_cycle(
    out: &mut Vec<Change>,
    say: Say,
    old: Option<&ReviewCycle>,
    new: Option<&ReviewCycle>,
) {
    let months = |cycle: &ReviewCycle| -> String {
        cycle
            .windows()
            .iter()
            .map(|window| {
                let from = window.from.name(say.language);
                if window.last() == window.from {
                    from.to_owned()
                } else {
                    format!("{from}–{}", window.last().name(say.language))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let month_words = say.pick("review month", "Granskningsmånad", "Arviointikuukausi");
    match (old, new) {
        (Some(old), Some(new)) => {
            if months(old) != months(new) {
                out.push(Change::new().words(format!(
                    "{month_words} {} → {}",
                    months(old),
                    months(new)
                )));
            }
            if old.every() != new.every() {
                out.push(Change::new().words(say.pick(
                    &format!(
                        "reviewed every {} → every {} years",
                        old.every(),
                        new.every()
                    ),
                    &format!(
                        "Granskas {} → {}",
                        say.every(old.every()),
                        say.every(new.every())
                    ),
                    &format!(
                        "Arvioidaan {} → {}",
                        say.every(old.every()),
                        say.every(new.every())
                    ),
                )));
            }
        }
        (None, Some(new)) => {
            out.push(Change::new().words(say.pick(
                &format!("review month set: {}", months(new)),
                &format!("Granskningsmånad satt: {}", months(new)),
                &format!("Arviointikuukausi asetettu: {}", months(new)),
            )));
        }
        (Some(_), None) => out.push(Change::new().words(say.pick(
            "review cycle removed",
            "Granskningsmånaden borttagen",
            "Arviointikuukausi poistettu",
        ))),
        (None, None) => {}
    }
}

/// The steps: matched by `id` where both have one, else by name, else by place; what is left was added or
/// removed.
fn steps(out: &mut Vec<Change>, say: Say, old: &[Step], new: &[Step]) {
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut old_left: Vec<usize> = (0..old.len()).collect();
    let mut new_left: Vec<usize> = (0..new.len()).collect();
    let same_id = |a: &Step, b: &Step| a.id.is_some() && a.id == b.id;
    let same_name = |a: &Step, b: &Step| a.name == b.name;
    for same in [&same_id as &dyn Fn(&Step, &Step) -> bool, &same_name] {
        old_left.retain(
            |&o| match new_left.iter().position(|&n| same(&old[o], &new[n])) {
                Some(at) => {
                    pairs.push((o, new_left.remove(at)));
                    false
                }
                None => true,
            },
        );
    }
    // A step left at the same place on both sides is the same step renamed.
    old_left.retain(|&o| match new_left.iter().position(|&n| n == o) {
        Some(at) => {
            pairs.push((o, new_left.remove(at)));
            false
        }
        None => true,
    });
    for &o in &old_left {
        out.push(
            Change::new()
                .words(format!("{} ", capitalised_if(say, &say.step(o + 1))))
                .name(&old[o].name)
                .words(say.pick(" removed", " borttaget", " poistettu")),
        );
    }
    pairs.sort_by_key(|&(_, n)| n);
    for &(o, n) in &pairs {
        step(out, say, o, &old[o], n, &new[n]);
    }
    for &n in &new_left {
        out.push(
            Change::new()
                .words(say.pick(
                    &format!("step {} ", n + 1),
                    &format!("Nytt steg {}: ", n + 1),
                    &format!("Uusi vaihe {}: ", n + 1),
                ))
                .name(&new[n].name)
                .words(say.pick(" added", "", "")),
        );
    }
}

/// A sentence starts with a capital on a page; `proc diff` lists its changes in lower case.
fn capitalised_if(say: Say, text: &str) -> String {
    match say.language {
        Language::En => text.to_owned(),
        _ => capitalised(text),
    }
}

fn step(out: &mut Vec<Change>, say: Say, o: usize, old: &Step, n: usize, new: &Step) {
    let here = say.step(n + 1);
    if old.name != new.name {
        out.push(
            Change::new()
                .words(format!("{} ", capitalised_if(say, &here)))
                .name(&old.name)
                .words(say.pick(" renamed to ", ": nytt namn ", ": uusi nimi "))
                .name(&new.name),
        );
    }
    if o != n {
        out.push(
            Change::new()
                .words(say.pick("step ", "Steg ", "Vaihe "))
                .name(&new.name)
                .words(say.pick(
                    &format!(" moved from place {} to {}", o + 1, n + 1),
                    &format!(" flyttat från plats {} till {}", o + 1, n + 1),
                    &format!(" siirretty paikalta {} paikalle {}", o + 1, n + 1),
                )),
        );
    }
    let number = n + 1;
    let roles = [
        (
            &old.responsible,
            &new.responsible,
            say.pick(
                &format!(" removed from {here}"),
                &format!(" borttagen ur {here}"),
                &format!(" poistettu vaiheesta {number}"),
            ),
        ),
        (
            &new.responsible,
            &old.responsible,
            say.pick(
                &format!(" added to {here}"),
                &format!(" tillagd i {here}"),
                &format!(" lisätty vaiheeseen {number}"),
            ),
        ),
    ];
    for (these, others, words) in roles {
        for role in these.iter().filter(|role| !others.contains(role)) {
            out.push(
                Change::new()
                    .words(say.pick("role ", "Roll ", "Rooli "))
                    .name(role)
                    .words(words.clone()),
            );
        }
    }
    let cells: [Field; 3] = [
        ("what is done", |l| l.what, Some(&old.what), Some(&new.what)),
        (
            "metrics",
            |l| l.metrics,
            old.metrics.as_ref(),
            new.metrics.as_ref(),
        ),
        (
            "evaluation",
            |l| l.evaluation,
            old.evaluation.as_ref(),
            new.evaluation.as_ref(),
        ),
    ];
    for (en, label, before, after) in cells {
        if before == after {
            continue;
        }
        let what = label(say.words);
        let n = n + 1;
        out.push(Change::new().words(match (before, after) {
            (None, _) => say.pick(
                &format!("{here}: {en} added"),
                &format!("Tillagt i steg {n}: {what}"),
                &format!("Lisätty vaiheeseen {n}: {what}"),
            ),
            (_, None) => say.pick(
                &format!("{here}: {en} removed"),
                &format!("Borttaget ur steg {n}: {what}"),
                &format!("Poistettu vaiheesta {n}: {what}"),
            ),
            _ => say.pick(
                &format!("{here}: {en} changed"),
                &format!("Ändrat i steg {n}: {what}"),
                &format!("Muutettu vaiheessa {n}: {what}"),
            ),
        }));
    }
    // An instruction by what the reader sees of it: a link's title, or the text.
    let shown = |instruction: &Instruction| match instruction {
        Instruction::Link { title, .. } => title.clone(),
        Instruction::Text(text) => text.clone(),
    };
    let old_instructions: Vec<String> = old.instructions.iter().map(shown).collect();
    let new_instructions: Vec<String> = new.instructions.iter().map(shown).collect();
    list_field(
        out,
        say,
        &say.pick(
            &format!("{here}: instruction"),
            &format!("{here}, {}", say.words.instructions),
            &format!("{here}, {}", say.words.instructions),
        ),
        &old_instructions,
        &new_instructions,
    );
    if old.next != new.next {
        let next = |next: &[String]| {
            if next.is_empty() {
                say.pick("the next step", "nästa steg", "seuraava vaihe")
            } else {
                next.join(", ")
            }
        };
        out.push(Change::new().words(say.pick(
            &format!(
                "{here}: goes on to {} (was {})",
                next(&new.next),
                next(&old.next)
            ),
            &format!(
                "Steg {} går vidare till {} (förut {})",
                n + 1,
                next(&new.next),
                next(&old.next)
            ),
            &format!(
                "Vaihe {} jatkuu: {} (aiemmin {})",
                n + 1,
                next(&new.next),
                next(&old.next)
            ),
        )));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn process(yaml: &str) -> Process {
        let Some(root) = crate::load::parse_text(yaml) else {
            panic!("the text reads");
        };
        match Process::from_node(&root) {
            Ok(process) => process,
            Err(error) => panic!("{error}"),
        }
    }

    const BASE: &str = r"id: a
name: Oro
goal: Mål
owner: Anna
approved:
  date: 2020-01-01
  by: Chef
version: 1
review_cycle:
  month: april
steps:
  - name: Bedömning
    what: X
    responsible: [Kurator]
  - name: Planering
    what: Y
    responsible: [Kurator]
    instructions:
      - title: EPDS
        url: https://a.fi
";

    fn said(old: &str, new: &str) -> Vec<String> {
        changes(&process(old), &process(new))
            .iter()
            .map(Change::markdown)
            .collect()
    }

    #[test]
    fn nothing_changed_says_nothing() {
        assert_eq!(said(BASE, BASE), Vec::<String>::new());
    }

    #[test]
    fn changes_are_said_as_a_reader_says_them() {
        let new = BASE
            .replace("owner: Anna", "owner: Bertil")
            .replace("month: april", "month: maj")
            .replace("version: 1", "version: 1.1")
            .replace("name: Planering", "name: Mångprofessionell planering")
            .replace(
                "what: Y\n    responsible: [Kurator]",
                "what: Y\n    responsible: [Kurator, Psykolog]",
            )
            .replace(
                "url: https://a.fi\n",
                "url: https://a.fi\n      - title: Blankett\n        url: https://b.fi\n",
            );
        assert_eq!(
            said(BASE, &new),
            [
                "owner changed from *Anna* to *Bertil*",
                "version 1 → 1.1",
                "review month April → May",
                "step 2 *Planering* renamed to *Mångprofessionell planering*",
                "role *Psykolog* added to step 2",
                "step 2: instruction *Blankett* added",
            ]
        );
    }

    #[test]
    fn a_page_says_the_changes_in_its_language_with_its_headings_and_the_records_apart() {
        let new = BASE
            .replace("owner: Anna", "owner: Bertil")
            .replace("month: april", "month: maj")
            .replace("version: 1", "version: 1.1")
            .replace("name: Planering", "name: Mångprofessionell planering")
            .replace(
                "what: Y\n    responsible: [Kurator]",
                "what: Y\n    responsible: [Kurator, Psykolog]\n    metrics: Antal",
            )
            .replace(
                "url: https://a.fi\n",
                "url: https://a.fi\n      - title: Blankett\n        url: https://b.fi\n",
            )
            + "  - name: Uppföljning\n    what: Z\n    responsible: [Kurator]\n";
        let said_in = |language| {
            let changes = changes_in(&process(BASE), &process(&new), language);
            let (records, content): (Vec<Change>, Vec<Change>) =
                changes.into_iter().partition(Change::is_record);
            (
                records.iter().map(Change::text).collect::<Vec<_>>(),
                content.iter().map(Change::text).collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            said_in(Language::Sv),
            (
                vec!["Version 1 → 1.1".to_owned()],
                [
                    "Processägare: \"Anna\" → \"Bertil\"",
                    "Granskningsmånad april → maj",
                    "Steg 2 \"Planering\": nytt namn \"Mångprofessionell planering\"",
                    "Roll \"Psykolog\" tillagd i steg 2",
                    "Tillagt i steg 2: Mätare och målnivå",
                    "Tillagt i steg 2, Anvisningar: \"Blankett\"",
                    "Nytt steg 3: \"Uppföljning\"",
                ]
                .map(str::to_owned)
                .to_vec()
            )
        );
        assert_eq!(
            said_in(Language::Fi).1,
            [
                "Prosessin omistaja: \"Anna\" → \"Bertil\"",
                "Arviointikuukausi huhtikuu → toukokuu",
                "Vaihe 2 \"Planering\": uusi nimi \"Mångprofessionell planering\"",
                "Rooli \"Psykolog\" lisätty vaiheeseen 2",
                "Lisätty vaiheeseen 2: Mittari ja tavoitetaso",
                "Lisätty kohtaan vaihe 2, Ohjeet: \"Blankett\"",
                "Uusi vaihe 3: \"Uppföljning\"",
            ]
        );
    }

    #[test]
    fn steps_added_removed_and_moved_are_found_by_name() {
        let swapped = BASE.replace(
            "  - name: Bedömning\n    what: X\n    responsible: [Kurator]\n",
            "",
        ) + "  - name: Bedömning\n    what: X\n    responsible: [Kurator]\n  - name: Uppföljning\n    what: Z\n    responsible: [Kurator]\n";
        assert_eq!(
            said(BASE, &swapped),
            [
                "step *Planering* moved from place 2 to 1",
                "step *Bedömning* moved from place 1 to 2",
                "step 3 *Uppföljning* added",
            ]
        );
        let draft = BASE.replace("approved:\n  date: 2020-01-01\n  by: Chef\n", "");
        assert_eq!(said(&draft, BASE), ["approved on 2020-01-01 by *Chef*"]);
    }
}
