//! The file `proc new` writes: every field of the model, each explained by a comment, with placeholders where a
//! value is needed. `proc lint` reports each placeholder until it is filled in (rule `placeholder`).

use crate::model::{Language, Month};
use crate::record::yaml_text;

/// What `proc new` was told.
pub struct NewProcess<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    pub owner: Option<&'a str>,
    pub review_month: Option<Month>,
    pub language: Language,
}

/// A placeholder in the process's language: `<fyll i: processens namn>`.
fn hole(language: Language, swedish: &str, finnish: &str, english: &str) -> String {
    match language {
        Language::Sv => format!("<fyll i: {swedish}>"),
        Language::Fi => format!("<täytä: {finnish}>"),
        Language::En => format!("<fill in: {english}>"),
    }
}

pub fn new_process(new: &NewProcess<'_>) -> String {
    let l = new.language;
    let q = |text: String| yaml_text(&text);
    let name = new.name.map(str::to_owned).unwrap_or_else(|| {
        hole(
            l,
            "processens namn",
            "prosessin nimi",
            "the name of the process",
        )
    });
    let owner = new.owner.map(str::to_owned).unwrap_or_else(|| {
        hole(
            l,
            "processägare",
            "prosessin omistaja",
            "the owner of the process",
        )
    });
    let month = match new.review_month {
        Some(month) => month.name(l).to_lowercase(),
        None => q(hole(
            l,
            "månad, t.ex. april",
            "kuukausi, esim. huhtikuu",
            "a month, e.g. April",
        )),
    };
    format!(
        r#"{schema}
# A new process description. Replace every placeholder in angle brackets (<…>), brackets included; `proc lint`
# names the ones that are left. Optional fields say so: delete them if they do not apply.

# The id: lowercase letters, digits and hyphens, the same as the file name without .yaml. Other processes refer
# to this process by it (in `interfaces`).
id: {id}
# The name ("Processens namn" / "Prosessin nimi").
name: {name}
# What the process is for ("Processens mål" / "Prosessin tavoite").
goal: {goal}
# Optional: whom or what the process covers, as a sentence ("Processen avser …").
scope: {scope}
# The language of the texts: sv, fi or en.
language: {language}
# Who owns the process and answers for it ("Processägare" / "Prosessin omistaja").
owner: {owner}
# Optional: who works in the process ("Processens användare" / "Prosessin käyttäjät").
users: {users}
# Optional: whom the process serves ("Processens målgrupp" / "Prosessin kohderyhmä").
target_group: {target_group}
# Optional: who wrote the description, one person per line ("Processbeskrivningen uppgjord av").
authors:
  - {author}
# Optional: partners outside the organisation, one per line ("Processens samarbetspartner").
partners:
  - {partner}
# When and by whom the process was approved ("Godkänt" / "Hyväksytty"). Dates are written YYYY-MM-DD.
approved:
  date: {date}
  by: {approver}
# When the description is changed later, add when and by whom ("Uppdaterat"):
# updated:
#   date: YYYY-MM-DD
#   by:
#     - Name
# Each annual review is recorded with `proc review {id}`, which adds it here:
# reviews:
#   - date: YYYY-MM-DD
#     by: Name
#     note: What was checked or changed
# The version of the description: 1, then 1.1, 1.2 … for changes, 2 for a new approval.
version: 1
# When the process is reviewed in the annual clock ("Utveckling och uppdatering av processen"). Instead of `month`,
# several periods can be given as `windows:` with `from:` and `to:` months.
review_cycle:
  month: {month}
  # Optional: the sentence of the original document about the review.
  description: {review}
# Optional: what the process needs to work ("Förutsättningar för fungerande process"). Markdown.
prerequisites: {prerequisites}
# Optional: the key figures followed, one per line ("Mätare och nyckeltal").
metrics:
  - {metric}
# Optional: other processes this one connects to: `process: id` for a process in this repository, or a text.
interfaces:
  - {interface}

# The steps in order ("Process steg"). Copy the block of a step for each further step.
steps:
  - # Optional: a short id for the step, for `next` (a flow that branches).
    id: {step_id}
    # The name of the step ("Process steg" / "Prosessin vaihe").
    name: {step_name}
    # What is done ("Vad görs här" / "Mitä tehdään"). Markdown: write a list as lines starting with "- ".
    what: {step_what}
    # Who does it, one role per line ("Vem gör/Ansvarig" / "Kuka tekee/Vastuuhenkilö").
    responsible:
      - {role}
    # Optional: metrics and target level ("Mätare och målnivå").
    metrics: {step_metrics}
    # Optional: how the step is evaluated ("Utvärdering").
    evaluation: {step_evaluation}
    # Optional: instructions, as a text or as a link with `title` and `url` ("Anvisningar").
    instructions:
      - {instruction}
      - title: {link_title}
        url: {link_url}
    # Optional: the ids of the steps that follow, when it is not simply the next one:
    # next: [step-id, other-step-id]
"#,
        schema = crate::schema::EDITOR_SCHEMA_LINE,
        id = new.id,
        name = q(name),
        goal = q(hole(
            l,
            "processens mål",
            "prosessin tavoite",
            "what the process is for"
        )),
        scope = q(hole(
            l,
            "processen avser …",
            "prosessi koskee …",
            "whom the process covers"
        )),
        language = l.code(),
        owner = q(owner),
        users = q(hole(
            l,
            "processens användare",
            "prosessin käyttäjät",
            "who works in the process"
        )),
        target_group = q(hole(
            l,
            "processens målgrupp",
            "prosessin kohderyhmä",
            "whom the process serves"
        )),
        author = q(hole(l, "namn", "nimi", "name")),
        partner = q(hole(l, "samarbetspartner", "yhteistyökumppani", "partner")),
        date = q(hole(l, "ÅÅÅÅ-MM-DD", "VVVV-KK-PP", "YYYY-MM-DD")),
        approver = q(hole(l, "godkännare", "hyväksyjä", "who approved it")),
        month = month,
        review = q(hole(
            l,
            "när och hur processen granskas",
            "milloin ja miten prosessi arvioidaan",
            "when and how the process is reviewed"
        )),
        prerequisites = q(hole(
            l,
            "förutsättningar",
            "edellytykset",
            "what the process needs"
        )),
        metric = q(hole(l, "nyckeltal", "tunnusluku", "key figure")),
        interface = q(hole(
            l,
            "annan process",
            "toinen prosessi",
            "another process"
        )),
        step_id = "steg-1",
        step_name = q(hole(
            l,
            "stegets namn",
            "vaiheen nimi",
            "the name of the step"
        )),
        step_what = q(hole(l, "vad görs här", "mitä tehdään", "what is done")),
        role = q(hole(l, "ansvarig roll", "vastuuhenkilö", "who does it")),
        step_metrics = q(hole(
            l,
            "mätare och målnivå",
            "mittari ja tavoitetaso",
            "metric and target"
        )),
        step_evaluation = q(hole(l, "utvärdering", "arviointi", "how it is evaluated")),
        instruction = q(hole(l, "anvisning", "ohje", "instruction")),
        link_title = q(hole(l, "länkens titel", "linkin otsikko", "link title")),
        link_url = q(hole(l, "https://…", "https://…", "https://…")),
    )
}
