//! Turning the cells of an exported chart into the values of the model: dates, people, lists, links, review months
//! and the version.

use jiff::civil::Date;

use crate::model::{Language, Month};

/// The first day.month.year date in a text, with the byte range it takes.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        if bytes[start].is_ascii_digit() && (start == 0 || !bytes[start - 1].is_ascii_digit()) {
            let mut parts = [0i32; 3];
            let mut at = start;
            let mut ok = true;
            for (index, part) in parts.iter_mut().enumerate() {
                let begin = at;
                while at < bytes.len() && bytes[at].is_ascii_digit() && at - begin < 4 {
                    *part = *part * 10 + i32::from(bytes[at] - b'0');
                    at += 1;
                }
                let digits = at - begin;
                let fits = if index == 2 {
                    digits == 4
                } else {
                    (1..=2).contains(&digits)
                };
                if !fits {
                    ok = false;
                    break;
                }
                if index < 2 {
                    if bytes.get(at) == Some(&b'.') {
                        at += 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
            }
            let ends_cleanly = bytes.get(at).is_none_or(|byte| !byte.is_ascii_digit());
            if ok && ends_cleanly {
                let year = i16::try_from(parts[2]).ok();
                let month = i8::try_from(parts[1]).ok();
                let day = i8::try_from(parts[0]).ok();
                if let (Some(year), Some(month), Some(day)) = (year, month, day)
                    && let Ok(date) = Date::new(year, month, day)
                {
                    return Some((date, start..at));
                }
            }
        }
        start += 1;
    }
    None
}

/// "8.5.2018 T.f. direktör Pia" or "T.f. direktör Pia 8.5.2018": the date and the rest.
pub fn date_and_rest(text: &str) -> Option<(Date, String)> {
    let (date, range) = find_date(text)?;
    let rest = format!("{} {}", &text[..range.start], &text[range.end..]);
    Some((date, tidy(&rest)))
}

/// Single spaces, no space or stray punctuation at the ends.
pub fn tidy(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .to_owned()
}

/// Where list items begin in a cell pasted on one line ("- Stödsamtal - Terapisamtal", "-a -b"): a hyphen at the
/// start or after a space, followed by the item. A hyphen after a letter ("vård- och") is part of the text.
fn markers(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&at| {
            bytes[at] == b'-'
                && (at == 0 || bytes[at - 1] == b' ')
                && bytes
                    .get(at + 1)
                    .is_some_and(|next| !next.is_ascii_digit() && *next != b'-')
                && bytes
                    .get(at + 1..)
                    .is_some_and(|rest| !rest.iter().all(|b| *b == b' '))
        })
        .collect()
}

/// The items of a cell that holds a list: items after "- " markers, or separated by two or more spaces (the
/// export's trace of line breaks). With `leading_marker_only`, only a cell that starts with a marker is a list
/// (for text fields, where a hyphen mid-sentence is more likely a dash).
pub fn list_items(cell: &str, leading_marker_only: bool) -> Option<Vec<String>> {
    let cell = cell.trim();
    if cell.is_empty() {
        return None;
    }
    let starts = markers(cell);
    let is_list = if leading_marker_only {
        starts.first() == Some(&0)
    } else {
        !starts.is_empty()
    };
    if is_list {
        let mut cuts = starts.clone();
        if cuts.first() != Some(&0) {
            cuts.insert(0, 0);
        }
        cuts.push(cell.len());
        let items: Vec<String> = cuts
            .windows(2)
            .map(|pair| tidy(cell[pair[0]..pair[1]].trim_start_matches('-')))
            .filter(|item| !item.is_empty())
            .collect();
        return Some(items);
    }
    if !leading_marker_only && cell.contains("  ") {
        let items: Vec<String> = cell
            .split("  ")
            .map(tidy)
            .filter(|item| !item.is_empty())
            .collect();
        if items.len() > 1 {
            return Some(items);
        }
    }
    None
}

/// A text field: a list cell becomes a Markdown list, anything else stays as it is (with links made Markdown).
pub fn markdown(cell: &str) -> String {
    let cell = links_to_markdown(cell.trim());
    match list_items(&cell, true) {
        Some(items) => items.iter().map(|item| format!("- {item}\n")).collect(),
        None => tidy(&cell),
    }
}

/// A link of the export: `<a href="…">text</a>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

/// The parts of a cell: text, and links where it has `<a href>` elements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Link(Link),
}

pub fn parts(cell: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut rest = cell;
    loop {
        let lower = rest.to_ascii_lowercase();
        let Some(open) = lower.find("<a ") else {
            break;
        };
        let Some(tag_end) = lower[open..].find('>').map(|at| open + at) else {
            break;
        };
        let Some(close) = lower[tag_end..].find("</a>").map(|at| tag_end + at) else {
            break;
        };
        let tag = &rest[open..tag_end];
        let url = attribute(tag, "href").unwrap_or_default();
        let title = tidy(&entities(&rest[tag_end + 1..close]));
        if !rest[..open].trim().is_empty() {
            parts.push(Part::Text(rest[..open].to_owned()));
        }
        parts.push(Part::Link(Link {
            title: if title.is_empty() { url.clone() } else { title },
            url,
        }));
        rest = &rest[close + 4..];
    }
    if !rest.trim().is_empty() {
        parts.push(Part::Text(rest.to_owned()));
    }
    parts
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let value = &tag[at..];
    let (quote, value) = match value.chars().next()? {
        quote @ ('"' | '\'') => (Some(quote), &value[1..]),
        _ => (None, value),
    };
    let end = match quote {
        Some(quote) => value.find(quote)?,
        None => value
            .find(|c: char| c.is_whitespace())
            .unwrap_or(value.len()),
    };
    Some(entities(value[..end].trim()))
}

fn entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn links_to_markdown(cell: &str) -> String {
    parts(cell)
        .into_iter()
        .map(|part| match part {
            Part::Text(text) => text,
            Part::Link(link) => format!("[{}]({})", link.title, link.url),
        })
        .collect()
}

/// The entries of a list cell (roles, instructions, partners …): by list markers, double spaces, or, with
/// `commas`, by commas; else the cell is one entry.
pub fn entries(cell: &str, commas: bool) -> Vec<String> {
    if let Some(items) = list_items(cell, false) {
        return items;
    }
    if commas {
        return cell
            .split(',')
            .map(tidy)
            .filter(|item| !item.is_empty())
            .collect();
    }
    let cell = tidy(cell);
    if cell.is_empty() {
        Vec::new()
    } else {
        vec![cell]
    }
}

/// Whether a word looks like part of a name: a capital letter first ("Anna-Maria", "Sjöström").
fn is_name_word(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && word.chars().count() > 1
}

/// The people of an "uppgjord av" cell. "A B, C D, E F" is split at the commas; "A B, title C D, title" (names
/// each followed by a comma and a title) at the names.
pub fn people(cell: &str) -> Vec<String> {
    let parts: Vec<String> = cell
        .split(',')
        .map(tidy)
        .filter(|part| !part.is_empty())
        .collect();
    let all_names = parts.iter().all(|part| {
        let words: Vec<&str> = part.split_whitespace().collect();
        (1..=4).contains(&words.len()) && words.iter().all(|word| is_name_word(word))
    });
    if all_names {
        return parts;
    }
    // Positions where "Firstname Lastname," begins.
    let words: Vec<(usize, &str)> = cell
        .split_whitespace()
        .map(|word| (word.as_ptr() as usize - cell.as_ptr() as usize, word))
        .collect();
    let mut starts: Vec<usize> = Vec::new();
    for pair in words.windows(2) {
        let ((at, first), (_, second)) = (pair[0], pair[1]);
        if is_name_word(first)
            && second.ends_with(',')
            && is_name_word(second.trim_end_matches(','))
        {
            starts.push(at);
        }
    }
    if starts.len() < 2 || starts[0] != words.first().map_or(0, |(at, _)| *at) {
        return parts;
    }
    starts.push(cell.len());
    starts
        .windows(2)
        .map(|pair| tidy(&cell[pair[0]..pair[1]]))
        .filter(|person| !person.is_empty())
        .collect()
}

/// The people after an update's date ("Elina Sandkulla Lea Gäddnäs …"): commas if there are any, else the names
/// `known` from the authors where they occur, else two words a person.
pub fn updaters(text: &str, known: &[String]) -> Vec<String> {
    if text.contains(',') {
        return text
            .split(',')
            .map(tidy)
            .filter(|part| !part.is_empty())
            .collect();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let known: Vec<Vec<&str>> = known
        .iter()
        .map(|name| {
            name.split(',')
                .next()
                .unwrap_or(name)
                .split_whitespace()
                .collect()
        })
        .filter(|name: &Vec<&str>| !name.is_empty())
        .collect();
    let mut people = Vec::new();
    let mut at = 0;
    while at < words.len() {
        if let Some(name) = known
            .iter()
            .filter(|name| words[at..].starts_with(name))
            .max_by_key(|name| name.len())
        {
            people.push(name.join(" "));
            at += name.len();
        } else {
            let end = (at + 2).min(words.len());
            people.push(words[at..end].join(" "));
            at = end;
        }
    }
    people
}

/// The word an export puts before an update's date.
pub fn strip_update_word(text: &str) -> &str {
    let trimmed = text.trim_start();
    for word in [
        "uppdaterat",
        "uppdaterad",
        "uppgjort",
        "uppgjord",
        "päivitetty",
        "laadittu",
        "updated",
    ] {
        if trimmed.len() >= word.len()
            && trimmed.is_char_boundary(word.len())
            && trimmed[..word.len()].to_lowercase() == word
        {
            return trimmed[word.len()..].trim_start_matches([':', ' ']);
        }
    }
    trimmed
}

/// "Version 1", "Versio 1.2", "v. 3" → "1", "1.2", "3".
pub fn version(cell: &str) -> Option<String> {
    cell.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_ascii_digit()))
        .find(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_owned)
}

/// One window of review months, with the kind of work done in it when the sentence says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    pub from: Month,
    pub to: Month,
    pub name: Option<String>,
}

/// The month a word names: a Swedish or English name, or a Finnish one in any case ("huhtikuussa").
fn month_of(word: &str) -> Option<Month> {
    let word = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if word.is_empty() || word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(month) = Month::parse(&word).filter(|_| word.len() > 3 || word == "maj") {
        return Some(month);
    }
    const FINNISH: [&str; 12] = [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ];
    FINNISH
        .iter()
        .position(|stem| word.starts_with(stem))
        .and_then(|index| Month::new(index as u8 + 1))
}

/// What a verb before a window says is done then.
fn work_of(word: &str, language: Language) -> Option<&'static str> {
    let word = word.to_lowercase();
    let words: &[(&str, &str, &str)] = &[
        ("utvärderas", "Utvärdering", "Arviointi"),
        ("uppdateras", "Uppdatering", "Päivitys"),
        ("granskas", "Granskning", "Tarkastus"),
        ("arvioidaan", "Utvärdering", "Arviointi"),
        ("päivitetään", "Uppdatering", "Päivitys"),
        ("tarkastetaan", "Granskning", "Tarkastus"),
    ];
    words
        .iter()
        .find(|(verb, _, _)| word.trim_matches(|c: char| !c.is_alphabetic()) == *verb)
        .map(|(_, sv, fi)| if language == Language::Fi { *fi } else { *sv })
}

/// The review months of a sentence like "enligt årsklockan i april" or "utvärderas … i februari-mars och
/// uppdateras … i augusti-september", in the order they are named.
pub fn review_windows(text: &str, language: Language) -> Vec<Window> {
    let mut windows = Vec::new();
    let mut work: Option<&'static str> = None;
    for word in text.split_whitespace() {
        if let Some(found) = work_of(word, language) {
            work = Some(found);
            continue;
        }
        let halves: Vec<&str> = word.split(['-', '–']).collect();
        let months: Vec<Month> = halves.iter().filter_map(|half| month_of(half)).collect();
        if months.is_empty() || months.len() != halves.len() {
            continue;
        }
        windows.push(Window {
            from: months[0],
            to: months[months.len() - 1],
            name: work.take().map(str::to_owned),
        });
    }
    // Names only when every window has one: they tell two windows apart.
    if windows.len() < 2 || windows.iter().any(|window| window.name.is_none()) {
        for window in &mut windows {
            window.name = None;
        }
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_found_before_or_after_the_approver() {
        assert_eq!(
            date_and_rest("8.5.2018 T.f. social- och hälsovårdsdirektör Pia-Maria Sjöström"),
            Some((
                jiff::civil::date(2018, 5, 8),
                "T.f. social- och hälsovårdsdirektör Pia-Maria Sjöström".to_owned()
            ))
        );
        assert_eq!(
            date_and_rest("Tf. direktör Pia-Maria Sjöström 7.4.2017").map(|(d, _)| d),
            Some(jiff::civil::date(2017, 4, 7))
        );
        assert_eq!(find_date("31.2.2018"), None);
        assert_eq!(find_date("version 1.2.3"), None);
    }

    #[test]
    fn cells_pasted_on_one_line_become_lists() {
        assert_eq!(
            list_items("- Stödsamtal - Terapisamtal - Hembesök", true),
            Some(vec![
                "Stödsamtal".into(),
                "Terapisamtal".into(),
                "Hembesök".into()
            ])
        );
        assert_eq!(
            list_items(
                "Ansvarspersonen definieras -”Case manager” utses -sote-arbetspar",
                false
            ),
            Some(vec![
                "Ansvarspersonen definieras".into(),
                "”Case manager” utses".into(),
                "sote-arbetspar".into()
            ])
        );
        assert_eq!(
            list_items("Yrkespersonal inom mödra- och barnrådgivning", false),
            None
        );
        assert_eq!(
            list_items("Fungerande anknytning mellan förälder-barn", true),
            None
        );
        assert_eq!(markdown("-a -b"), "- a\n- b\n");
    }

    #[test]
    fn links_become_title_and_url() {
        assert_eq!(
            parts(
                r##"<a href="#">Socialvårdslag 2014</a>  <a href='https://x.fi/a?b=1&amp;c=2'>Lag</a>  Speciallagar"##
            ),
            vec![
                Part::Link(Link {
                    title: "Socialvårdslag 2014".into(),
                    url: "#".into()
                }),
                Part::Link(Link {
                    title: "Lag".into(),
                    url: "https://x.fi/a?b=1&c=2".into()
                }),
                Part::Text("  Speciallagar".into()),
            ]
        );
    }

    #[test]
    fn people_are_split_by_commas_or_by_names() {
        assert_eq!(
            people("Mikaela Björkskog, Elina Sandkulla, Anna-Maria Vibäck").len(),
            3
        );
        assert_eq!(
            people(
                "Pia-Maria Sjöström, chefsläkare (tf. direktör) Carola Lindén, chef för socialomsorgen Eivor Back, planerare"
            ),
            vec![
                "Pia-Maria Sjöström, chefsläkare (tf. direktör)".to_owned(),
                "Carola Lindén, chef för socialomsorgen".to_owned(),
                "Eivor Back, planerare".to_owned()
            ]
        );
        let known = vec!["Anna-Maria Vibäck".to_owned(), "Lea Gäddnäs".to_owned()];
        assert_eq!(
            updaters("Elina Sandkulla Lea Gäddnäs Anna-Maria Vibäck", &known),
            vec!["Elina Sandkulla", "Lea Gäddnäs", "Anna-Maria Vibäck"]
        );
    }

    #[test]
    fn review_sentences_give_months_and_windows() {
        let april = review_windows(
            "Processen utvärderas och uppdateras enligt årsklockan i april",
            Language::Sv,
        );
        assert_eq!(april.len(), 1);
        assert_eq!((april[0].from.number(), april[0].to.number()), (4, 4));
        let two = review_windows(
            "Processen utvärderas i samband med bokslutsarbetet i februari-mars och uppdateras enligt årsklockan i augusti-september",
            Language::Sv,
        );
        assert_eq!(
            two.iter()
                .map(|w| (w.from.number(), w.to.number(), w.name.clone()))
                .collect::<Vec<_>>(),
            vec![
                (2, 3, Some("Utvärdering".into())),
                (8, 9, Some("Uppdatering".into()))
            ]
        );
        let finnish = review_windows(
            "Prosessi arvioidaan vuosikellon mukaan huhtikuussa",
            Language::Fi,
        );
        assert_eq!(finnish[0].from.number(), 4);
        assert_eq!(version("Version 1"), Some("1".into()));
        assert_eq!(version("Versio 2.1"), Some("2.1".into()));
    }
}
