//! The file `proc new` writes: every field of the model, each explained by a comment, with placeholders where a
//! value is needed. `proc lint` reports each placeholder until it is filled in (rule `placeholder`).
//!
//! Comments, placeholders and the review month are in the document's language, because the people who fill in
//! a Finnish process read Finnish. The quoted labels of the old charts stay in Swedish and Finnish in every
//! language: they are how a coordinator finds where each box of the chart goes.

use crate::model::{Language, Month};
use crate::yaml_text::yaml_text;

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

/// The template's comments in one language. Each is whole lines, `#` included, so that a translation may break
/// its lines where that language needs.
struct Comments {
    header: &'static str,
    id: &'static str,
    name: &'static str,
    goal: &'static str,
    scope: &'static str,
    language: &'static str,
    owner: &'static str,
    users: &'static str,
    target_group: &'static str,
    authors: &'static str,
    partners: &'static str,
    /// Holds `{id}`, replaced by the process's id.
    approved: &'static str,
    /// Holds `{id}`, replaced by the process's id.
    updated_and_reviews: &'static str,
    version: &'static str,
    review_cycle: &'static str,
    review_description: &'static str,
    prerequisites: &'static str,
    metrics: &'static str,
    interfaces: &'static str,
    steps: &'static str,
    step_id: &'static str,
    step_name: &'static str,
    step_what: &'static str,
    step_responsible: &'static str,
    step_metrics: &'static str,
    step_evaluation: &'static str,
    step_instructions: &'static str,
    step_next: &'static str,
    /// The example step id: a word of the language, as the user would write it.
    first_step_id: &'static str,
}

const ENGLISH: Comments = Comments {
    header: "# A new process description. Replace every placeholder in angle brackets (<…>), brackets included; `proc lint`
# names the ones that are left. Optional fields say so: delete them if they do not apply.",
    id: "# The id: lowercase letters, digits and hyphens, the same as the file name without .yaml. Other processes refer
# to this process by it (in `interfaces`).",
    name: "# The name (\"Processens namn\" / \"Prosessin nimi\").",
    goal: "# What the process is for (\"Processens mål\" / \"Prosessin tavoite\").",
    scope: "# Optional: whom or what the process covers, as a sentence (\"Processen avser …\").",
    language: "# The language of the texts: sv, fi or en.",
    owner: "# Who owns the process and answers for it (\"Processägare\" / \"Prosessin omistaja\").",
    users: "# Optional: who works in the process (\"Processens användare\" / \"Prosessin käyttäjät\").",
    target_group: "# Optional: whom the process serves (\"Processens målgrupp\" / \"Prosessin kohderyhmä\").",
    authors: "# Optional: who wrote the description, one person per line (\"Processbeskrivningen uppgjord av\" /
# \"Prosessikuvauksen laatijat\").",
    partners: "# Optional: partners outside the organisation, one per line (\"Processens samarbetspartner\" /
# \"Prosessin yhteistyökumppanit\").",
    approved: "# A new process is a draft until it is approved (\"Godkänt\" / \"Hyväksytty\"). Once it is, record when and by
# whom with `proc approve {id} --by \"name and title\"`, which adds `approved:` here.",
    updated_and_reviews: "# When the description is changed later, add when and by whom (\"Uppdaterat\" / \"Päivitetty\"):
# updated:
#   date: YYYY-MM-DD
#   by:
#     - Name
# Each annual review is recorded with `proc review {id}`, which adds it here:
# reviews:
#   - date: YYYY-MM-DD
#     by: Name
#     note: What was checked or changed",
    version: "# The version of the description: 1, then 1.1, 1.2 … for changes, 2 for a new approval (\"Version nummer\" /
# \"Versionumero\").",
    review_cycle: "# When the process is reviewed in the annual clock (\"Utveckling och uppdatering av processen\" / \"Prosessin
# kehittäminen ja päivittäminen\"). Instead of `month`, several periods can be given as `windows:` with `from:` and
# `to:` months. Reviewed every second or third year: add `every: 2` or `every: 3`.",
    review_description: "  # Optional: the sentence of the original document about the review.",
    prerequisites: "# Optional: what the process needs to work (\"Förutsättningar för fungerande process\" / \"Toimivan prosessin
# edellytykset\"). Markdown.",
    metrics: "# Optional: the key figures followed, one per line (\"Mätare och nyckeltal\" / \"Mittarit ja tunnusluvut\").",
    interfaces: "# Optional: other processes this one connects to (\"Kontaktytor till andra processer\" / \"Rajapinnat muihin
# prosesseihin\"): `process: id` for a process in the same processes folder, or a text.",
    steps: "# The steps in order (\"Process steg\" / \"Prosessin vaihe\"). Copy the block of a step for each further step.",
    step_id: "  - # Optional: a short id for the step, for `next` (a flow that branches).",
    step_name: "    # The name of the step (\"Process steg\" / \"Prosessin vaihe\").",
    step_what: "    # What is done (\"Vad görs här\" / \"Mitä tehdään\"). Markdown: write a list as lines starting with \"- \".",
    step_responsible: "    # Who does it, one role per line (\"Vem gör/Ansvarig\" / \"Kuka tekee/Vastuuhenkilö\").",
    step_metrics: "    # Optional: metrics and target level (\"Mätare och målnivå\" / \"Mittari ja tavoitetaso\").",
    step_evaluation: "    # Optional: how the step is evaluated (\"Utvärdering\" / \"Arviointi\").",
    step_instructions: "    # Optional: instructions, as a text or as a link with `title` and `url` (\"Anvisningar\" / \"Ohjeet\").",
    step_next: "    # Optional: the ids of the steps that follow, when it is not simply the next one:
    # next: [step-id, other-step-id]",
    first_step_id: "step-1",
};

const SWEDISH: Comments = Comments {
    header: "# En ny processbeskrivning. Ersätt varje platshållare inom vinkelparenteser (<…>), parenteserna också;
# `proc lint` visar vilka som är kvar. Valfria fält är märkta med \"Valfritt\": ta bort dem om de inte gäller
# processen.",
    id: "# Id: små bokstäver a–z, siffror och bindestreck, samma som filnamnet utan .yaml. Andra processer hänvisar
# till den här processen med det (under `interfaces`).",
    name: "# Namnet (\"Processens namn\" / \"Prosessin nimi\").",
    goal: "# Vad processen ska uppnå (\"Processens mål\" / \"Prosessin tavoite\").",
    scope: "# Valfritt: vem eller vad processen gäller, som en mening (\"Processen avser …\").",
    language: "# Språket i texterna: sv (svenska), fi (finska) eller en (engelska).",
    owner: "# Vem som äger processen och svarar för den (\"Processägare\" / \"Prosessin omistaja\").",
    users: "# Valfritt: vilka som arbetar i processen (\"Processens användare\" / \"Prosessin käyttäjät\").",
    target_group: "# Valfritt: vem processen är till för (\"Processens målgrupp\" / \"Prosessin kohderyhmä\").",
    authors: "# Valfritt: vem som skrivit beskrivningen, en person per rad (\"Processbeskrivningen uppgjord av\" /
# \"Prosessikuvauksen laatijat\").",
    partners: "# Valfritt: samarbetspartner utanför organisationen, en per rad (\"Processens samarbetspartner\" /
# \"Prosessin yhteistyökumppanit\").",
    approved: "# En ny process är ett utkast tills den godkänns (\"Godkänt\" / \"Hyväksytty\"). När den har godkänts, anteckna när
# och av vem med `proc approve {id} --by \"namn och titel\"`, som lägger till `approved:` här.",
    updated_and_reviews: "# När beskrivningen ändras senare, skriv när och av vem (\"Uppdaterat\" / \"Päivitetty\"):
# updated:
#   date: ÅÅÅÅ-MM-DD
#   by:
#     - Namn
# Varje årlig granskning antecknas med `proc review {id}`, som lägger till den här:
# reviews:
#   - date: ÅÅÅÅ-MM-DD
#     by: Namn
#     note: Vad som granskades eller ändrades",
    version: "# Beskrivningens version: 1, sedan 1.1, 1.2 … vid ändringar och 2 vid ett nytt godkännande (\"Version nummer\" /
# \"Versionumero\").",
    review_cycle: "# När processen granskas enligt årsklockan (\"Utveckling och uppdatering av processen\" / \"Prosessin
# kehittäminen ja päivittäminen\"). I stället för `month` kan flera perioder anges under `windows:`, var och en med
# månaderna `from:` och `to:`. Granskas processen vartannat eller vart tredje år: lägg till `every: 2` eller `every: 3`.",
    review_description: "  # Valfritt: meningen om granskningen i det ursprungliga dokumentet.",
    prerequisites: "# Valfritt: vad processen behöver för att fungera (\"Förutsättningar för fungerande process\" / \"Toimivan
# prosessin edellytykset\"). Markdown.",
    metrics: "# Valfritt: nyckeltalen som följs upp, ett per rad (\"Mätare och nyckeltal\" / \"Mittarit ja tunnusluvut\").",
    interfaces: "# Valfritt: andra processer som den här hänger ihop med (\"Kontaktytor till andra processer\" / \"Rajapinnat
# muihin prosesseihin\"): `process: id` för en process i samma processmapp, annars en text.",
    steps: "# Stegen i ordning (\"Process steg\" / \"Prosessin vaihe\"). Kopiera ett stegs block för varje nytt steg.",
    step_id: "  - # Valfritt: ett kort id för steget, för `next` (ett flöde som förgrenar sig).",
    step_name: "    # Stegets namn (\"Process steg\" / \"Prosessin vaihe\").",
    step_what: "    # Vad som görs (\"Vad görs här\" / \"Mitä tehdään\"). Markdown: skriv en lista som rader som börjar med \"- \".",
    step_responsible: "    # Vem som gör det, en roll per rad (\"Vem gör/Ansvarig\" / \"Kuka tekee/Vastuuhenkilö\").",
    step_metrics: "    # Valfritt: mätare och målnivå (\"Mätare och målnivå\" / \"Mittari ja tavoitetaso\").",
    step_evaluation: "    # Valfritt: hur steget utvärderas (\"Utvärdering\" / \"Arviointi\").",
    step_instructions: "    # Valfritt: anvisningar, som en text eller som en länk med `title` och `url` (\"Anvisningar\" / \"Ohjeet\").",
    step_next: "    # Valfritt: id:n för stegen som följer, när det inte helt enkelt är nästa steg:
    # next: [steg-id, annat-steg-id]",
    first_step_id: "steg-1",
};

const FINNISH: Comments = Comments {
    header: "# Uusi prosessikuvaus. Korvaa jokainen kulmasulkeissa oleva paikkamerkki (<…>) sulkeineen; `proc lint`
# näyttää, mitkä ovat vielä jäljellä. Valinnaiset kentät on merkitty sanalla \"Valinnainen\": poista ne, jos ne
# eivät koske prosessia.",
    id: "# Tunniste (id): pienet kirjaimet a–z, numerot ja yhdysviivat, sama kuin tiedoston nimi ilman .yaml-päätettä.
# Muut prosessit viittaavat tähän prosessiin sillä (kohdassa `interfaces`).",
    name: "# Nimi (\"Processens namn\" / \"Prosessin nimi\").",
    goal: "# Mihin prosessilla pyritään (\"Processens mål\" / \"Prosessin tavoite\").",
    scope: "# Valinnainen: keitä tai mitä prosessi koskee, yhtenä virkkeenä (\"Processen avser …\").",
    language: "# Tekstien kieli: fi (suomi), sv (ruotsi) tai en (englanti).",
    owner: "# Kuka omistaa prosessin ja vastaa siitä (\"Processägare\" / \"Prosessin omistaja\").",
    users: "# Valinnainen: ketkä työskentelevät prosessissa (\"Processens användare\" / \"Prosessin käyttäjät\").",
    target_group: "# Valinnainen: kenelle prosessi on tarkoitettu (\"Processens målgrupp\" / \"Prosessin kohderyhmä\").",
    authors: "# Valinnainen: kuvauksen laatijat, yksi henkilö riviä kohden (\"Processbeskrivningen uppgjord av\" /
# \"Prosessikuvauksen laatijat\").",
    partners: "# Valinnainen: yhteistyökumppanit organisaation ulkopuolelta, yksi riviä kohden (\"Processens
# samarbetspartner\" / \"Prosessin yhteistyökumppanit\").",
    approved: "# Uusi prosessi on luonnos, kunnes se hyväksytään (\"Godkänt\" / \"Hyväksytty\"). Kun se on hyväksytty, kirjaa
# milloin ja kuka sen hyväksyi komennolla `proc approve {id} --by \"nimi ja titteli\"`, joka lisää tähän `approved:`.",
    updated_and_reviews: "# Kun kuvausta myöhemmin muutetaan, lisää milloin ja kuka sen teki (\"Uppdaterat\" / \"Päivitetty\"):
# updated:
#   date: VVVV-KK-PP
#   by:
#     - Nimi
# Jokainen vuosittainen arviointi kirjataan komennolla `proc review {id}`, joka lisää sen tähän:
# reviews:
#   - date: VVVV-KK-PP
#     by: Nimi
#     note: Mitä tarkistettiin tai muutettiin",
    version: "# Kuvauksen versio: ensin 1, muutosten jälkeen 1.1, 1.2 … ja uuden hyväksynnän jälkeen 2 (\"Version nummer\" /
# \"Versionumero\").",
    review_cycle: "# Milloin prosessi arvioidaan vuosikellon mukaan (\"Utveckling och uppdatering av processen\" / \"Prosessin
# kehittäminen ja päivittäminen\"). Yhden kuukauden (`month`) sijaan voi antaa useita jaksoja kohdassa `windows:`,
# kukin alku- ja loppukuukausineen (`from:` ja `to:`). Jos prosessi arvioidaan joka toinen tai kolmas vuosi: lisää
# `every: 2` tai `every: 3`.",
    review_description: "  # Valinnainen: alkuperäisen asiakirjan virke arvioinnista.",
    prerequisites: "# Valinnainen: mitä prosessi tarvitsee toimiakseen (\"Förutsättningar för fungerande process\" / \"Toimivan
# prosessin edellytykset\"). Markdown.",
    metrics: "# Valinnainen: seurattavat tunnusluvut, yksi riviä kohden (\"Mätare och nyckeltal\" / \"Mittarit ja tunnusluvut\").",
    interfaces: "# Valinnainen: muut prosessit, joihin tämä liittyy (\"Kontaktytor till andra processer\" / \"Rajapinnat muihin
# prosesseihin\"): `process: id` saman prosessikansion prosessille, muuten teksti.",
    steps: "# Vaiheet järjestyksessä (\"Process steg\" / \"Prosessin vaihe\"). Kopioi vaiheen lohko jokaista uutta vaihetta varten.",
    step_id: "  - # Valinnainen: vaiheen lyhyt tunniste kenttää `next` varten (kun kulku haarautuu).",
    step_name: "    # Vaiheen nimi (\"Process steg\" / \"Prosessin vaihe\").",
    step_what: "    # Mitä tehdään (\"Vad görs här\" / \"Mitä tehdään\"). Markdown: kirjoita luettelo riveinä, jotka alkavat \"- \".",
    step_responsible: "    # Kuka tekee, yksi rooli riviä kohden (\"Vem gör/Ansvarig\" / \"Kuka tekee/Vastuuhenkilö\").",
    step_metrics: "    # Valinnainen: mittari ja tavoitetaso (\"Mätare och målnivå\" / \"Mittari ja tavoitetaso\").",
    step_evaluation: "    # Valinnainen: miten vaihetta arvioidaan (\"Utvärdering\" / \"Arviointi\").",
    step_instructions: "    # Valinnainen: ohjeet tekstinä tai linkkinä, jolla on `title` ja `url` (\"Anvisningar\" / \"Ohjeet\").",
    step_next: "    # Valinnainen: seuraavien vaiheiden tunnisteet, kun seuraava ei ole yksinkertaisesti listan seuraava vaihe:
    # next: [vaihe-id, toinen-vaihe-id]",
    first_step_id: "vaihe-1",
};

fn comments(language: Language) -> &'static Comments {
    match language {
        Language::Sv => &SWEDISH,
        Language::Fi => &FINNISH,
        Language::En => &ENGLISH,
    }
}

pub fn new_process(new: &NewProcess<'_>) -> String {
    let l = new.language;
    let c = comments(l);
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
{c_header}

{c_id}
id: {id}
{c_name}
name: {name}
{c_goal}
goal: {goal}
{c_scope}
scope: {scope}
{c_language}
language: {language}
{c_owner}
owner: {owner}
{c_users}
users: {users}
{c_target_group}
target_group: {target_group}
{c_authors}
authors:
  - {author}
{c_partners}
partners:
  - {partner}
{c_approved}
{c_updated_and_reviews}
{c_version}
version: 1
{c_review_cycle}
review_cycle:
  month: {month}
{c_review_description}
  description: {review}
{c_prerequisites}
prerequisites: {prerequisites}
{c_metrics}
metrics:
  - {metric}
{c_interfaces}
interfaces:
  - {interface}

{c_steps}
steps:
{c_step_id}
    id: {step_id}
{c_step_name}
    name: {step_name}
{c_step_what}
    what: {step_what}
{c_step_responsible}
    responsible:
      - {role}
{c_step_metrics}
    metrics: {step_metrics}
{c_step_evaluation}
    evaluation: {step_evaluation}
{c_step_instructions}
    instructions:
      - {instruction}
      - title: {link_title}
        url: {link_url}
{c_step_next}
"#,
        schema = crate::schema::EDITOR_SCHEMA_LINE,
        c_header = c.header,
        c_id = c.id,
        c_name = c.name,
        c_goal = c.goal,
        c_scope = c.scope,
        c_language = c.language,
        c_owner = c.owner,
        c_users = c.users,
        c_target_group = c.target_group,
        c_authors = c.authors,
        c_partners = c.partners,
        c_approved = c.approved.replace("{id}", new.id),
        c_updated_and_reviews = c.updated_and_reviews.replace("{id}", new.id),
        c_version = c.version,
        c_review_cycle = c.review_cycle,
        c_review_description = c.review_description,
        c_prerequisites = c.prerequisites,
        c_metrics = c.metrics,
        c_interfaces = c.interfaces,
        c_steps = c.steps,
        c_step_id = c.step_id,
        c_step_name = c.step_name,
        c_step_what = c.step_what,
        c_step_responsible = c.step_responsible,
        c_step_metrics = c.step_metrics,
        c_step_evaluation = c.step_evaluation,
        c_step_instructions = c.step_instructions,
        c_step_next = c.step_next,
        id = q(new.id.to_owned()),
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
        step_id = c.first_step_id,
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

/// Why `proc new` wrote nothing.
#[derive(Debug)]
pub enum CreateError {
    /// The id is not one: with an id made from it.
    InvalidId {
        id: String,
        suggestion: String,
    },
    /// The file name would not be inside the folder.
    Outside(String),
    /// A file of that name exists (`proc new` never replaces one).
    Exists(std::path::PathBuf),
    Write(std::path::PathBuf, std::io::Error),
}

impl std::fmt::Display for CreateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreateError::InvalidId { id, suggestion } => write!(
                f,
                "`{id}` cannot be an id: use lowercase letters a–z, digits and hyphens, like `{suggestion}`"
            ),
            CreateError::Outside(message) => f.write_str(message),
            CreateError::Exists(path) => write!(
                f,
                "{} exists already; nothing was written (`proc new` never replaces a file)",
                path.display()
            ),
            CreateError::Write(path, error) => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for CreateError {}

/// Writes a new process file `ID.yaml` into `folder` (made if missing), never over an existing file. Returns the
/// path written and whether the folder was made.
pub fn create(
    new: &NewProcess<'_>,
    folder: &std::path::Path,
) -> Result<(std::path::PathBuf, bool), CreateError> {
    let Some(id) = crate::model::ProcessId::new(new.id) else {
        return Err(CreateError::InvalidId {
            id: new.id.to_owned(),
            suggestion: crate::model::slug(new.id),
        });
    };
    let target = match crate::write::file_inside(folder, &id.file_name("yaml")) {
        Ok(target) => target,
        Err(_) if !folder.exists() => folder.join(id.file_name("yaml")),
        Err(message) => return Err(CreateError::Outside(message)),
    };
    if target.exists() {
        return Err(CreateError::Exists(target));
    }
    let made_folder = !folder.exists();
    match std::fs::create_dir_all(folder)
        .and_then(|()| crate::write::write_new(&target, &new_process(new)))
    {
        Ok(()) => Ok((target, made_folder)),
        Err(error) => Err(CreateError::Write(target, error)),
    }
}

/// The one language whose name of `month` is `text`, if only one language writes it so (`huhtikuu`: Finnish;
/// `april`: Swedish and English, so none): a month named in another language than the file's is most likely a
/// file meant to be in that language.
pub fn month_language(text: &str, month: Month) -> Option<Language> {
    let text = text.trim().to_lowercase();
    let mut languages = [Language::Sv, Language::Fi, Language::En]
        .into_iter()
        .filter(|language| month.name(*language).to_lowercase() == text);
    let first = languages.next()?;
    languages.next().is_none().then_some(first)
}
