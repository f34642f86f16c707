//! The fixed words of a rendered page, in the languages `proc` ships.

use crate::model::{Language, Process, ReviewCycle};
use crate::review_status::ReviewStatus;

pub struct Labels {
    pub goal: &'static str,
    pub scope: &'static str,
    pub owner: &'static str,
    pub users: &'static str,
    pub target_group: &'static str,
    pub version: &'static str,
    pub approved: &'static str,
    pub updated: &'static str,
    pub chart: &'static str,
    pub steps: &'static str,
    pub step: &'static str,
    pub what: &'static str,
    pub responsible: &'static str,
    pub metrics: &'static str,
    pub evaluation: &'static str,
    pub instructions: &'static str,
    pub basic_data: &'static str,
    pub authors: &'static str,
    pub partners: &'static str,
    pub prerequisites: &'static str,
    pub key_figures: &'static str,
    pub interfaces: &'static str,
    pub review_months: &'static str,
    /// The heading of the version history, and its columns: version, date, who, what happened.
    pub version_history: &'static str,
    pub history_columns: [&'static str; 4],
    /// The first state of a process that its git history knows.
    pub first_version: &'static str,
    /// The oldest state a shallow clone of the repository has: the versions before it are not there.
    pub earlier_unknown: &'static str,
    pub status_ok: &'static str,
    pub status_upcoming: &'static str,
    pub status_overdue: &'static str,
    pub status_none: &'static str,
    /// The state of a process not yet approved, on its page (a banner) and in the index.
    pub draft: &'static str,
    /// The review status of a draft, as its badge says it.
    pub draft_short: &'static str,
    /// The heading of the drafts in the index.
    pub drafts: &'static str,
    /// The state of a process no longer in use, on its page (a banner).
    pub retired: &'static str,
    /// The review status of a retired process, as its badge says it.
    pub retired_short: &'static str,
    /// Before the name of the process that replaces a retired one.
    pub replaced_by: &'static str,
    /// The heading of the retired processes in the index.
    pub archive: &'static str,
    pub next_review: &'static str,
    pub days: &'static str,
    pub site_title: &'static str,
    pub process: &'static str,
    pub last_review: &'static str,
    pub status: &'static str,
    pub process_map: &'static str,
    /// The heading of the processes without interfaces in the process map.
    pub map_alone: &'static str,
    /// "Page" and "of" in the PDF footer's "page x of y".
    pub page: &'static str,
    pub of: &'static str,
    /// The link from a page back to the index.
    pub all_processes: &'static str,
    /// The link to the PDF of a page.
    pub print_version: &'static str,
    /// The heading of the language column of an index with processes in several languages.
    pub language: &'static str,
    /// The cue above a chart too wide for the page, before the link [`Labels::open_chart`]: overlay scrollbars do
    /// not show, so without it a reader would not know there are more steps to the right.
    pub chart_scrolls: &'static str,
    /// The link to the chart alone (`ID.svg`), at its full size.
    pub open_chart: &'static str,
    /// "Part" and "steps" in the caption of a PDF page with a part of a chart split by steps: "Processkarta, del 2
    /// av 3 (steg 8–14)".
    pub chart_part: &'static str,
    pub chart_steps: &'static str,
    /// The line under the chart's heading on the first PDF page when the chart has pages of its own, followed by
    /// the page number(s): "… på sida 5." / "… på sidorna 5–7.".
    pub chart_on_page: &'static str,
    pub chart_on_pages: &'static str,
    /// The same for a chart in parts, around the number of parts: "Processkartan finns i" 3 "delar på sidorna" 5–7.
    pub chart_in_parts: (&'static str, &'static str),
    /// After the caption of a page that continues a chart too tall for one page.
    pub continued: &'static str,
}

impl Labels {
    /// The caption of one part of a chart split by steps (`first` and `last` count from 1).
    pub fn chart_part_caption(
        &self,
        part: usize,
        parts: usize,
        first: usize,
        last: usize,
    ) -> String {
        let steps = if first == last {
            format!("{} {first}", self.chart_steps)
        } else {
            format!("{} {first}–{last}", self.chart_steps)
        };
        format!(
            "{}, {} {part} {} {parts} ({steps})",
            self.chart, self.chart_part, self.of
        )
    }
}

pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::Sv => &SV,
        Language::Fi => &FI,
        Language::En => &EN,
    }
}

static SV: Labels = Labels {
    goal: "Processens mål",
    scope: "Processen avser",
    owner: "Processägare",
    users: "Processens användare",
    target_group: "Processens målgrupp",
    version: "Version",
    approved: "Godkänd",
    updated: "Uppdaterad",
    chart: "Processkarta",
    steps: "Processens steg",
    step: "Process steg",
    what: "Vad görs här",
    responsible: "Vem gör/Ansvarig",
    metrics: "Mätare och målnivå",
    evaluation: "Utvärdering",
    instructions: "Anvisningar",
    basic_data: "Processens basuppgifter",
    authors: "Processbeskrivningen uppgjord av",
    partners: "Processens samarbetspartner",
    prerequisites: "Förutsättningar för fungerande process",
    key_figures: "Mätare och nyckeltal",
    interfaces: "Kontaktytor till andra processer",
    review_months: "Utveckling och uppdatering av processen",
    version_history: "Versionshistorik",
    history_columns: ["Version", "Datum", "Av", "Ändring"],
    first_version: "Första versionen",
    earlier_unknown: "Tidigare versioner finns inte här",
    status_ok: "Granskad",
    status_upcoming: "Granskning snart",
    status_overdue: "Försenad granskning",
    status_none: "Ingen granskningsmånad",
    draft: "Utkast – inte godkänt",
    draft_short: "Utkast",
    drafts: "Utkast",
    retired: "Arkiverad – används inte längre",
    retired_short: "Arkiverad",
    replaced_by: "Ersatt av",
    archive: "Arkiv",
    next_review: "Nästa granskning",
    days: "dagar",
    site_title: "Processbeskrivningar",
    process: "Process",
    last_review: "Senaste granskning",
    status: "Status",
    process_map: "Processernas kontaktytor",
    map_alone: "Processer utan kontaktytor till andra",
    page: "Sida",
    of: "av",
    all_processes: "Alla processer",
    print_version: "Utskriftsversion (PDF)",
    language: "Språk",
    chart_scrolls: "Kartan är bredare än sidan: rulla i sidled eller",
    open_chart: "öppna kartan ensam i full storlek",
    chart_part: "del",
    chart_steps: "steg",
    chart_on_page: "Processkartan finns på sida",
    chart_on_pages: "Processkartan finns på sidorna",
    chart_in_parts: ("Processkartan finns i", "delar på sidorna"),
    continued: "(forts.)",
};

static FI: Labels = Labels {
    goal: "Prosessin tavoite",
    scope: "Prosessi koskee",
    owner: "Prosessin omistaja",
    users: "Prosessin käyttäjät",
    target_group: "Prosessin kohderyhmä",
    version: "Versio",
    approved: "Hyväksytty",
    updated: "Päivitetty",
    chart: "Prosessikaavio",
    steps: "Prosessin vaiheet",
    step: "Prosessin vaihe",
    what: "Mitä tehdään",
    responsible: "Kuka tekee/Vastuuhenkilö",
    metrics: "Mittari ja tavoitetaso",
    evaluation: "Arviointi",
    instructions: "Ohjeet",
    basic_data: "Prosessin perustiedot",
    authors: "Prosessikuvauksen laatijat",
    partners: "Prosessin yhteistyökumppanit",
    prerequisites: "Toimivan prosessin edellytykset",
    key_figures: "Mittarit ja tunnusluvut",
    interfaces: "Liittymät muihin prosesseihin",
    review_months: "Prosessin kehittäminen ja päivittäminen",
    version_history: "Versiohistoria",
    history_columns: ["Versio", "Päivämäärä", "Tekijä", "Muutos"],
    first_version: "Ensimmäinen versio",
    earlier_unknown: "Aiemmat versiot eivät ole tässä saatavilla",
    status_ok: "Arvioitu",
    status_upcoming: "Arviointi pian",
    status_overdue: "Arviointi myöhässä",
    status_none: "Ei arviointikuukautta",
    draft: "Luonnos – ei hyväksytty",
    draft_short: "Luonnos",
    drafts: "Luonnokset",
    retired: "Arkistoitu – ei enää käytössä",
    retired_short: "Arkistoitu",
    replaced_by: "Korvaava prosessi",
    archive: "Arkisto",
    next_review: "Seuraava arviointi",
    days: "päivää",
    site_title: "Prosessikuvaukset",
    process: "Prosessi",
    last_review: "Edellinen arviointi",
    status: "Tila",
    process_map: "Prosessien liittymät",
    map_alone: "Prosessit, joilla ei ole liittymiä muihin",
    page: "Sivu",
    of: "/",
    all_processes: "Kaikki prosessit",
    print_version: "Tulostettava versio (PDF)",
    language: "Kieli",
    chart_scrolls: "Kaavio on sivua leveämpi: vieritä sivusuunnassa tai",
    open_chart: "avaa kaavio yksinään täysikokoisena",
    chart_part: "osa",
    chart_steps: "vaiheet",
    chart_on_page: "Prosessikaavio on sivulla",
    chart_on_pages: "Prosessikaavio on sivuilla",
    chart_in_parts: ("Prosessikaavio on", "osana sivuilla"),
    continued: "(jatkuu)",
};

static EN: Labels = Labels {
    goal: "Goal",
    scope: "Scope",
    owner: "Owner",
    users: "Users",
    target_group: "Target group",
    version: "Version",
    approved: "Approved",
    updated: "Updated",
    chart: "Process chart",
    steps: "Steps",
    step: "Step",
    what: "What is done",
    responsible: "Who / responsible",
    metrics: "Metrics and target level",
    evaluation: "Evaluation",
    instructions: "Instructions",
    basic_data: "Basic data",
    authors: "Written by",
    partners: "Partners",
    prerequisites: "Prerequisites",
    key_figures: "Metrics and key figures",
    interfaces: "Interfaces to other processes",
    review_months: "Review cycle",
    version_history: "Version history",
    history_columns: ["Version", "Date", "By", "Change"],
    first_version: "First version",
    earlier_unknown: "Earlier versions are not available here",
    status_ok: "Reviewed",
    status_upcoming: "Review due soon",
    status_overdue: "Review overdue",
    status_none: "No review month",
    draft: "Draft – not approved",
    draft_short: "Draft",
    drafts: "Drafts",
    retired: "Retired – no longer in use",
    retired_short: "Retired",
    replaced_by: "Replaced by",
    archive: "Archive",
    next_review: "Next review",
    days: "days",
    site_title: "Process descriptions",
    process: "Process",
    last_review: "Last review",
    status: "Status",
    process_map: "Process map",
    map_alone: "Processes without interfaces to others",
    page: "Page",
    of: "of",
    all_processes: "All processes",
    print_version: "Print version (PDF)",
    language: "Language",
    chart_scrolls: "The chart is wider than the page: scroll sideways, or",
    open_chart: "open the chart alone at full size",
    chart_part: "part",
    chart_steps: "steps",
    chart_on_page: "The chart is on page",
    chart_on_pages: "The chart is on pages",
    chart_in_parts: ("The chart is in", "parts on pages"),
    continued: "(continued)",
};

/// The review status badge: its class and text.
pub(crate) fn badge(status: ReviewStatus, words: &Labels) -> (&'static str, String) {
    match status {
        ReviewStatus::Ok { due } => (
            "ok",
            format!("{} · {} {due}", words.status_ok, words.next_review),
        ),
        ReviewStatus::Upcoming { due, .. } => {
            ("upcoming", format!("{} · {due}", words.status_upcoming))
        }
        ReviewStatus::Overdue { due, days_overdue } => (
            "overdue",
            format!(
                "{} · {due} (+{days_overdue} {})",
                words.status_overdue, words.days
            ),
        ),
        ReviewStatus::NoCycle => ("none", words.status_none.to_owned()),
        ReviewStatus::Draft => ("draft", words.draft_short.to_owned()),
        ReviewStatus::Retired => ("none", words.retired_short.to_owned()),
    }
}

/// The review months in words ("Februari–Mars; Augusti–September"), and the cycle's own sentence if it has one.
pub(crate) fn review_cycle_text(
    cycle: &ReviewCycle,
    language: Language,
) -> (String, Option<String>) {
    let windows: Vec<String> = cycle
        .windows()
        .iter()
        .map(|window| {
            let months = if window.last() == window.from {
                window.from.name(language).to_owned()
            } else {
                format!(
                    "{}–{}",
                    window.from.name(language),
                    window.last().name(language)
                )
            };
            match &window.name {
                Some(name) => format!("{name}: {months}"),
                None => months,
            }
        })
        .collect();
    let mut text = windows.join("; ");
    if cycle.every() > 1 {
        text = format!("{text} ({})", every_years(cycle.every(), language));
    }
    (text, cycle.description().map(str::to_owned))
}

/// "every third year" as each language says it with a number: "vart 3:e år", "3 vuoden välein", "every 3 years".
pub(crate) fn every_years(years: u8, language: Language) -> String {
    match language {
        Language::Sv => {
            // Swedish ordinals by number: 2:a, 3:e, …, 21:a, 22:a, but 11:e and 12:e.
            let suffix = match (years % 10, years % 100) {
                (_, 11 | 12) => "e",
                (1 | 2, _) => "a",
                _ => "e",
            };
            format!("vart {years}:{suffix} år")
        }
        Language::Fi => format!("{years} vuoden välein"),
        Language::En => format!("every {years} years"),
    }
}

/// The text alternative of the chart of `steps` (all of them for a page; one part's for a page of a PDF chart
/// split by steps): what each step is and who does it, as the step table says.
pub(crate) fn chart_description(process: &Process, steps: std::ops::Range<usize>) -> String {
    process
        .steps
        .iter()
        .enumerate()
        .skip(steps.start)
        .take(steps.len())
        .map(|(index, step)| {
            format!(
                "{}. {} ({})",
                index + 1,
                step.name,
                step.responsible.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
