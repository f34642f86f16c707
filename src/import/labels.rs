//! The labels of the exported chart template, in Swedish and Finnish, and tolerant matching of them: case,
//! spacing, punctuation and a trailing colon do not matter, nor does a `### ` heading mark, and a bilingual label
//! ("Version nummer/ Versionumero") matches by either half.

use crate::model::Language;

/// What a label stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    // The header row (some also appear in the basic data).
    Name,
    Goal,
    Owner,
    Users,
    Updated,
    Approved,
    // The step table.
    Step,
    What,
    Responsible,
    Metrics,
    Evaluation,
    Instructions,
    // The basic data.
    BasicData,
    Authors,
    TargetGroup,
    Partners,
    Prerequisites,
    KeyFigures,
    Review,
    Interfaces,
    Version,
}

/// Each field with its labels: Swedish first, then Finnish, written as [`normalize`] leaves them.
const LABELS: &[(Field, &[&str], &[&str])] = &[
    (
        Field::Name,
        &["processens namn", "process"],
        &["prosessin nimi", "prosessi"],
    ),
    (
        Field::Goal,
        &["processens mål", "mål"],
        &["prosessin tavoite", "tavoite"],
    ),
    (
        Field::Owner,
        &["processägare", "processens ägare"],
        &["prosessin omistaja", "prosessinomistaja"],
    ),
    (
        Field::Users,
        &["processens användare", "användare"],
        &["prosessin käyttäjät", "käyttäjät"],
    ),
    (
        Field::Updated,
        &[
            "uppgjort uppdaterat av",
            "uppdaterat av",
            "uppdaterad",
            "uppgjord uppdaterad av",
        ],
        &[
            "laadittu päivitetty",
            "laatinut päivittänyt",
            "päivitetty",
            "päivittänyt",
        ],
    ),
    (
        Field::Approved,
        &["godkänt", "godkänd", "godkänt av", "godkänd av"],
        &["hyväksytty", "hyväksyjä"],
    ),
    (
        Field::Step,
        &["process steg", "processteg", "steg"],
        &["prosessin vaihe", "vaihe", "prosessivaihe"],
    ),
    (
        Field::What,
        &["vad görs här", "vad görs"],
        &["mitä tehdään", "mitä tässä tehdään"],
    ),
    (
        Field::Responsible,
        &["vem gör ansvarig", "vem gör", "ansvarig"],
        &[
            "kuka tekee vastuuhenkilö",
            "kuka tekee",
            "vastuuhenkilö",
            "vastuuhenkilöt",
        ],
    ),
    (
        Field::Metrics,
        &["mätare och målnivå", "mätare"],
        &[
            "mittari ja tavoitetaso",
            "mittarit ja tavoitetasot",
            "mittari",
        ],
    ),
    (Field::Evaluation, &["utvärdering"], &["arviointi"]),
    (
        Field::Instructions,
        &["anvisningar", "instruktioner"],
        &["ohjeet", "ohje"],
    ),
    (
        Field::BasicData,
        &["processens basuppgifter", "basuppgifter"],
        &["prosessin perustiedot", "perustiedot"],
    ),
    (
        Field::Authors,
        &[
            "processbeskrivningen uppgjord av",
            "processbeskrivningen gjord av",
            "uppgjord av",
        ],
        &[
            "prosessikuvauksen laatijat",
            "prosessikuvauksen laatija",
            "prosessikuvauksen laatinut",
            "laatijat",
        ],
    ),
    (
        Field::Approved,
        &[
            "datum för godkännande och godkännare",
            "godkännande",
            "godkännandedatum och godkännare",
        ],
        &[
            "hyväksymispäivämäärä ja hyväksyjä",
            "hyväksymispäivä ja hyväksyjä",
            "hyväksyminen",
        ],
    ),
    (
        Field::TargetGroup,
        &["processens målgrupp", "målgrupp"],
        &["prosessin kohderyhmä", "kohderyhmä"],
    ),
    (
        Field::Partners,
        &[
            "processens samarbetspartner",
            "processens samarbetspartners",
            "samarbetspartner",
        ],
        &[
            "prosessin yhteistyökumppanit",
            "prosessin yhteistyötahot",
            "yhteistyökumppanit",
        ],
    ),
    (
        Field::Prerequisites,
        &["förutsättningar för fungerande process", "förutsättningar"],
        &["toimivan prosessin edellytykset", "edellytykset"],
    ),
    (
        Field::KeyFigures,
        &["mätare och nyckeltal", "nyckeltal"],
        &["mittarit ja tunnusluvut", "tunnusluvut"],
    ),
    (
        Field::Review,
        &[
            "utveckling och uppdatering av processen",
            "uppdatering av processen",
        ],
        &[
            "prosessin kehittäminen ja päivittäminen",
            "prosessin päivittäminen",
            "kehittäminen ja päivittäminen",
        ],
    ),
    (
        Field::Interfaces,
        &["kontaktytor till andra processer", "kontaktytor"],
        &[
            "rajapinnat muihin prosesseihin",
            "yhtymäkohdat muihin prosesseihin",
            "rajapinnat",
        ],
    ),
    (
        Field::Version,
        &["version nummer", "versionsnummer", "version"],
        &["versionumero", "versio"],
    ),
];

/// The labels a part of the chart is found by, as the template writes them, for the message when it is missing.
pub fn shown(fields: &[Field]) -> String {
    fields
        .iter()
        .map(|field| match field {
            Field::Name => "Processens namn / Prosessin nimi",
            Field::Goal => "Processens mål / Prosessin tavoite",
            Field::Owner => "Processägare / Prosessin omistaja",
            Field::Approved => "Godkänt / Hyväksytty",
            Field::Step => "Process steg / Prosessin vaihe",
            Field::What => "Vad görs här / Mitä tehdään",
            Field::Responsible => "Vem gör/Ansvarig / Kuka tekee/Vastuuhenkilö",
            Field::Metrics => "Mätare och målnivå / Mittari ja tavoitetaso",
            Field::Evaluation => "Utvärdering / Arviointi",
            Field::Instructions => "Anvisningar / Ohjeet",
            _ => "",
        })
        .filter(|label| !label.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lowercase words without punctuation or heading marks, one space apart.
pub fn normalize(label: &str) -> String {
    label
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field a label names, among `allowed`, and the language of the label.
pub fn field_of(label: &str, allowed: &[Field]) -> Option<(Field, Language)> {
    let whole = normalize(label);
    if whole.is_empty() {
        return None;
    }
    let mut candidates = vec![whole.clone()];
    if label.contains('/') {
        candidates.extend(
            label
                .split('/')
                .map(normalize)
                .filter(|part| !part.is_empty()),
        );
    }
    for candidate in &candidates {
        let squeezed = candidate.replace(' ', "");
        for (field, swedish, finnish) in LABELS {
            if !allowed.contains(field) {
                continue;
            }
            for (language, labels) in [(Language::Sv, swedish), (Language::Fi, finnish)] {
                if labels
                    .iter()
                    .any(|known| *known == candidate || known.replace(' ', "") == squeezed)
                {
                    return Some((*field, language));
                }
            }
        }
    }
    // A small typo in a long label ("Processens anvädare") still counts.
    for (field, swedish, finnish) in LABELS {
        if !allowed.contains(field) {
            continue;
        }
        for (language, labels) in [(Language::Sv, swedish), (Language::Fi, finnish)] {
            if labels.iter().any(|known| {
                known.len() >= 10 && strsim::normalized_levenshtein(known, &whole) >= 0.9
            }) {
                return Some((*field, language));
            }
        }
    }
    None
}

pub const HEADER: &[Field] = &[
    Field::Name,
    Field::Goal,
    Field::Owner,
    Field::Users,
    Field::Updated,
    Field::Approved,
];
pub const STEP_TABLE: &[Field] = &[
    Field::Step,
    Field::What,
    Field::Responsible,
    Field::Metrics,
    Field::Evaluation,
    Field::Instructions,
];
pub const BASIC: &[Field] = &[
    Field::Name,
    Field::Goal,
    Field::Owner,
    Field::Users,
    Field::Updated,
    Field::Authors,
    Field::Approved,
    Field::TargetGroup,
    Field::Partners,
    Field::Prerequisites,
    Field::KeyFigures,
    Field::Review,
    Field::Interfaces,
    Field::Version,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_match_tolerantly_in_both_languages() {
        let basic = |label| field_of(label, BASIC).map(|(field, _)| field);
        assert_eq!(basic("Version nummer/ Versionumero"), Some(Field::Version));
        assert_eq!(basic("Versionsnummer"), Some(Field::Version));
        assert_eq!(basic("Versionumero:"), Some(Field::Version));
        assert_eq!(basic("### Processens målgrupp "), Some(Field::TargetGroup));
        assert_eq!(basic("PROCESSÄGARE:"), Some(Field::Owner));
        assert_eq!(basic("Prosessin omistaja"), Some(Field::Owner));
        assert_eq!(basic("Processens anvädare"), Some(Field::Users));
        assert_eq!(basic("Något helt annat"), None);
        let header = |label| field_of(label, HEADER);
        assert_eq!(
            header("Uppgjort/ uppdaterat av:"),
            Some((Field::Updated, Language::Sv))
        );
        assert_eq!(header("Hyväksytty"), Some((Field::Approved, Language::Fi)));
        let steps = |label| field_of(label, STEP_TABLE).map(|(field, _)| field);
        assert_eq!(steps("Processteg"), Some(Field::Step));
        assert_eq!(steps("Vem gör/Ansvarig"), Some(Field::Responsible));
        assert_eq!(steps("Kuka tekee/Vastuuhenkilö"), Some(Field::Responsible));
        assert_eq!(steps("Mittari ja tavoitetaso"), Some(Field::Metrics));
    }
}
