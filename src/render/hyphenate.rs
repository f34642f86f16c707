//! Breaking chart labels into lines that fit a width, with words hyphenated where their language allows.
//!
//! A line breaks at a space; after a `/` or a hyphen already in the text ("Hälsovårdare/ barnmorska",
//! "social- och"); at a soft hyphen (U+00AD) the author typed; or between two syllables of a word, by the Swedish,
//! Finnish or English hyphenation patterns that Typst uses for the PDF's text (the `hypher` crate). Where a soft
//! hyphen or a syllable break is used, the line ends with a visible "-"; soft hyphens not used are dropped, never
//! drawn. A word is only split between syllables when that saves a line: a box with the same number of lines
//! and no hyphens reads better (see [`break_lines`] for how breaks are chosen). Only a single syllable wider than the whole line is cut between two letters (see
//! [`break_lines`]).

use crate::model::Language;
use unicode_segmentation::UnicodeSegmentation;

/// The soft hyphen: an invisible break opportunity that shows as "-" where the line breaks.
pub const SOFT_HYPHEN: char = '\u{AD}';

/// How a piece of a word may end a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// The end of a word: a space follows (or the text ends).
    Word,
    /// After a `/` or a hyphen in the text: the line may end here as it is.
    Explicit,
    /// Between syllables or at a soft hyphen: the line may end here with a "-" added.
    Syllable,
}

#[derive(Debug, Clone)]
struct Piece {
    text: String,
    width: f64,
    /// A space stands before the piece (it starts a word that is not the first).
    spaced: bool,
    end: End,
}

/// Breaks `text` into lines at most `max_width` wide, as `measure` measures a piece of text, hyphenating words by
/// the patterns of `language` (none: only soft hyphens, `/` and hyphens break words).
///
/// The breaks are chosen together, not line by line: the fewest lines (a box's height is what the chart pays for),
/// then the fewest hyphens, then lines of even length (the step boxes centre their text).
///
/// When one syllable alone is wider than `max_width` (a narrow box, a made-up word of no vowels, a long number)
/// there is nothing left to break it at, and a box must not be overrun: only then is the syllable cut between two
/// letters, as many as fit, with a "-" at the cut.
pub fn break_lines(
    text: &str,
    max_width: f64,
    measure: &dyn Fn(&str) -> f64,
    language: Option<Language>,
) -> Vec<String> {
    let space = measure(" ");
    let hyphen = measure("-");
    let pieces = cut_wide(pieces(text, measure, language), max_width, hyphen, measure);
    if pieces.is_empty() {
        return vec![String::new()];
    }
    let count = pieces.len();
    // best[i]: the cheapest way to set pieces[i..], and where its first line ends.
    let mut best: Vec<Option<(Cost, usize)>> = vec![None; count + 1];
    best[count] = Some((Cost::default(), count));
    for start in (0..count).rev() {
        let mut content = 0.0;
        for end in start + 1..=count {
            let piece = &pieces[end - 1];
            content += piece.width
                + if piece.spaced && end - 1 > start {
                    space
                } else {
                    0.0
                };
            // One piece always makes a line: `cut_wide` left none wider than a line but single characters.
            let alone = end == start + 1;
            if content > max_width && !alone {
                break;
            }
            let hyphenated = end < count && piece.end == End::Syllable;
            let width = content + if hyphenated { hyphen } else { 0.0 };
            if width > max_width && !alone {
                continue;
            }
            let Some((rest, _)) = best[end] else {
                continue;
            };
            let slack = ((max_width - width) / max_width).max(0.0);
            let cost = Cost {
                lines: rest.lines + 1,
                hyphens: rest.hyphens + usize::from(hyphenated),
                ragged: rest.ragged + slack * slack,
            };
            if best[start].is_none_or(|(known, _)| cost.better_than(&known)) {
                best[start] = Some((cost, end));
            }
        }
    }
    let mut lines = Vec::new();
    let mut start = 0;
    while start < count {
        let Some((_, end)) = best[start] else {
            break;
        };
        lines.push(line(&pieces[start..end], end < count));
        start = end;
    }
    lines
}

/// What a way of breaking costs, compared in this order.
#[derive(Debug, Clone, Copy, Default)]
struct Cost {
    lines: usize,
    hyphens: usize,
    /// The sum of each line's squared unused share of the width.
    ragged: f64,
}

impl Cost {
    fn better_than(&self, other: &Cost) -> bool {
        (self.lines, self.hyphens) < (other.lines, other.hyphens)
            || ((self.lines, self.hyphens) == (other.lines, other.hyphens)
                && self.ragged < other.ragged)
    }
}

/// Cuts each piece that is wider than a line with its "-" into pieces that fit, as many characters each as fit (see
/// [`break_lines`] for why this is the last resort).
fn cut_wide(
    pieces: Vec<Piece>,
    max_width: f64,
    hyphen: f64,
    measure: &dyn Fn(&str) -> f64,
) -> Vec<Piece> {
    let mut result = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if piece.width + hyphen <= max_width {
            result.push(piece);
            continue;
        }
        let mut spaced = piece.spaced;
        let mut head = String::new();
        // By grapheme, not by char: a cut must not split an emoji from its variation selector or skin tone, a
        // flag into two letters, or a letter from its combining mark.
        let mut graphemes = piece.text.graphemes(true).peekable();
        while let Some(grapheme) = graphemes.next() {
            head.push_str(grapheme);
            let Some(&next) = graphemes.peek() else {
                break;
            };
            let mut longer = head.clone();
            longer.push_str(next);
            if measure(&longer) + hyphen > max_width {
                result.push(Piece {
                    width: measure(&head),
                    text: std::mem::take(&mut head),
                    spaced,
                    end: End::Syllable,
                });
                spaced = false;
            }
        }
        result.push(Piece {
            width: measure(&head),
            text: head,
            spaced,
            end: piece.end,
        });
    }
    result
}

/// Splits the text into words and the words into pieces at their break opportunities, soft hyphens dropped.
fn pieces(text: &str, measure: &dyn Fn(&str) -> f64, language: Option<Language>) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for (word, text) in text.split_whitespace().enumerate() {
        let mut parts: Vec<(String, End)> = Vec::new();
        let mut current = String::new();
        // A letter run waiting to be hyphenated when it ends.
        let mut letters = String::new();
        let flush_letters =
            |letters: &mut String, current: &mut String, parts: &mut Vec<(String, End)>| {
                if letters.is_empty() {
                    return;
                }
                let syllables = syllables(letters, language);
                let last = syllables.len().saturating_sub(1);
                for (index, syllable) in syllables.into_iter().enumerate() {
                    current.push_str(&syllable);
                    if index < last {
                        parts.push((std::mem::take(current), End::Syllable));
                    }
                }
                letters.clear();
            };
        let mut after_letter = false;
        for ch in text.chars() {
            if ch.is_alphabetic() {
                letters.push(ch);
                after_letter = true;
                continue;
            }
            flush_letters(&mut letters, &mut current, &mut parts);
            match ch {
                SOFT_HYPHEN => {
                    if !current.is_empty() {
                        parts.push((std::mem::take(&mut current), End::Syllable));
                    }
                }
                // After a letter only: "vård- och", "och/eller", "BHV-sjuksköterska", but not "1–2 veckor" or "-5".
                '/' | '-' | '\u{2010}' | '\u{2013}' if after_letter => {
                    current.push(ch);
                    parts.push((std::mem::take(&mut current), End::Explicit));
                }
                _ => current.push(ch),
            }
            after_letter = false;
        }
        flush_letters(&mut letters, &mut current, &mut parts);
        if !current.is_empty() {
            parts.push((current, End::Word));
        } else if let Some(last) = parts.last_mut() {
            // The word ended at a break opportunity (a trailing "/" or soft hyphen): its end is the word's end.
            last.1 = End::Word;
        }
        for (index, (text, end)) in parts.into_iter().enumerate() {
            pieces.push(Piece {
                width: measure(&text),
                text,
                spaced: index == 0 && word > 0,
                end,
            });
        }
    }
    // The first word may have been nothing but soft hyphens, leaving no piece: no space before what comes first.
    if let Some(first) = pieces.first_mut() {
        first.spaced = false;
    }
    pieces
}

/// The syllables of a run of letters, by the language's hyphenation patterns (the whole run without a language).
fn syllables(letters: &str, language: Option<Language>) -> Vec<String> {
    let lang = match language {
        Some(Language::Sv) => hypher::Lang::Swedish,
        Some(Language::Fi) => hypher::Lang::Finnish,
        Some(Language::En) => hypher::Lang::English,
        None => return vec![letters.to_owned()],
    };
    // At least three letters after a break: "samarbe- te" and "Yrkesverksam- ma" read badly, "samar- bete" does not.
    hypher::hyphenate_bounded(letters, lang, 2, 3)
        .map(str::to_owned)
        .collect()
}

/// The text of a line of pieces, with a "-" when it ends between syllables of a word that goes on.
fn line(pieces: &[Piece], broken: bool) -> String {
    let mut text = String::new();
    for (index, piece) in pieces.iter().enumerate() {
        if piece.spaced && index > 0 {
            text.push(' ');
        }
        text.push_str(&piece.text);
    }
    if broken
        && pieces
            .last()
            .is_some_and(|piece| piece.end == End::Syllable)
    {
        text.push('-');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One unit a character: widths are character counts.
    fn chars(text: &str) -> f64 {
        text.chars().count() as f64
    }

    fn lines(text: &str, width: usize, language: Option<Language>) -> Vec<String> {
        break_lines(text, width as f64, &chars, language)
    }

    #[test]
    fn finnish_words_break_between_syllables_with_a_hyphen() {
        // "Las-ten-suo-je-lu-il-moi-tuk-sen": of the Finnish syllable breaks that fit, the one that evens the lines.
        let broken = lines("Lastensuojeluilmoituksen käsittely", 16, Some(Language::Fi));
        assert_eq!(broken, ["Lastensuoje-", "luilmoituksen", "käsittely"]);
        let broken = lines(
            "Toimeentulotukikäsittelijäharjoittelija",
            16,
            Some(Language::Fi),
        );
        assert!(broken.len() >= 3, "{broken:?}");
        for line in &broken[..broken.len() - 1] {
            assert!(
                line.ends_with('-') && line.chars().count() <= 16,
                "{broken:?}"
            );
        }
        assert_eq!(
            broken.concat().replace('-', ""),
            "Toimeentulotukikäsittelijäharjoittelija"
        );
        // Every break is one the Finnish patterns allow.
        let allowed: Vec<String> = hypher::hyphenate(
            "Toimeentulotukikäsittelijäharjoittelija",
            hypher::Lang::Finnish,
        )
        .map(str::to_owned)
        .collect();
        let mut at = 0;
        let boundaries: Vec<usize> = allowed
            .iter()
            .map(|syllable| {
                at += syllable.chars().count();
                at
            })
            .collect();
        let mut at = 0;
        for line in &broken[..broken.len() - 1] {
            at += line.chars().count() - 1;
            assert!(boundaries.contains(&at), "{line} ends inside a syllable");
        }
    }

    #[test]
    fn swedish_words_break_between_syllables_and_after_a_slash() {
        assert_eq!(
            lines("Hälsovårdare/barnmorska", 14, Some(Language::Sv)),
            ["Hälsovårdare/", "barnmorska"]
        );
        let broken = lines("Socialvårdslagstiftningsändring", 12, Some(Language::Sv));
        assert!(broken.len() >= 3, "{broken:?}");
        assert!(
            broken[..broken.len() - 1]
                .iter()
                .all(|line| line.ends_with('-'))
        );
        assert_eq!(
            broken.concat().replace('-', ""),
            "Socialvårdslagstiftningsändring"
        );
    }

    #[test]
    fn words_that_fit_are_not_hyphenated_unless_that_saves_a_line() {
        // "bedömning" fits the next line: no hyphen, the same three lines either way.
        assert_eq!(
            lines(
                "Oro för anknytning, bedömning av servicebehov",
                19,
                Some(Language::Sv)
            ),
            ["Oro för anknytning,", "bedömning av", "servicebehov"]
        );
        // Here hyphenating saves a line: four lines instead of five ("Uppföljning", "och", "utvärdering", "av
        // service-", "behovet").
        assert_eq!(
            lines(
                "Uppföljning och utvärdering av servicebehovet",
                12,
                Some(Language::Sv)
            ),
            ["Uppföljning", "och utvärde-", "ring av ser-", "vicebehovet"]
        );
    }

    #[test]
    fn soft_hyphens_break_with_a_hyphen_and_vanish_elsewhere() {
        let soft = "Barn\u{ad}skydds\u{ad}anmälan";
        assert_eq!(lines(soft, 40, Some(Language::Sv)), ["Barnskyddsanmälan"]);
        assert_eq!(lines(soft, 12, None), ["Barnskydds-", "anmälan"]);
        assert_eq!(lines(soft, 7, None), ["Barn-", "skydds-", "anmälan"]);
        // Without a language, a word with no soft hyphen is only cut when nothing else fits (with a hyphen).
        assert_eq!(
            lines("Barnskyddsanmälan", 12, None),
            ["Barnskyddsa-", "nmälan"]
        );
        for line in lines(soft, 7, Some(Language::Sv)) {
            assert!(!line.contains(SOFT_HYPHEN));
        }
    }

    #[test]
    fn no_break_inside_a_word_without_a_hyphen() {
        let text = "Toimeentulotukikäsittelijäharjoittelija och Hälsovårdare/barnmorska";
        for language in [None, Some(Language::Sv), Some(Language::Fi)] {
            for width in 3..40 {
                let broken = lines(text, width, language);
                // Walk the text: each line is the text that follows (less a "-" it ends with when the text has none
                // there), and a line that does not end at a space ends with "/" or "-".
                let mut rest = text;
                for (index, line) in broken.iter().enumerate() {
                    assert!(line.chars().count() <= width, "{width}: {broken:?}");
                    let body = if rest.starts_with(line.as_str()) {
                        line.as_str()
                    } else {
                        line.strip_suffix('-')
                            .filter(|body| rest.starts_with(body))
                            .unwrap_or_else(|| panic!("{line:?} is not the text at {rest:?}"))
                    };
                    rest = &rest[body.len()..];
                    let at_space = rest.is_empty() || rest.starts_with(' ');
                    assert!(
                        at_space || line.ends_with(['/', '-']),
                        "{width} {language:?}: line {index} of {broken:?} breaks a word without a hyphen"
                    );
                    rest = rest.trim_start();
                }
                assert!(
                    rest.is_empty(),
                    "{width} {language:?}: {broken:?} leaves {rest:?}"
                );
            }
        }
    }

    #[test]
    fn ranges_of_numbers_stay_whole() {
        assert_eq!(
            lines("Hembesök 1: nyfödd, 1–2 veckor", 14, Some(Language::Sv)),
            ["Hembesök", "1: nyfödd,", "1–2 veckor"]
        );
    }

    #[test]
    fn a_syllable_wider_than_the_line_is_cut_with_a_hyphen() {
        // "Strumpf" is one syllable; at 4 characters a line it must be cut.
        assert_eq!(lines("Strumpf", 4, Some(Language::Sv)), ["Str-", "umpf"]);
        assert_eq!(
            lines("Strumpf", 3, Some(Language::Sv)),
            ["St-", "ru-", "mpf"]
        );
        assert_eq!(lines("", 10, Some(Language::Sv)), [""]);
        assert_eq!(lines("\u{ad}", 10, Some(Language::Sv)), [""]);
        assert_eq!(
            lines("1234567", 1, None).concat().replace('-', ""),
            "1234567"
        );
    }

    #[test]
    fn a_cut_never_splits_a_grapheme() {
        // Flags, an emoji with its variation selector and letters with combining marks, each one unit wide: a cut
        // between the two halves of 🇫🇮 would show two letters.
        let flags = "🇫🇮🇸🇪🇫🇮🇸🇪🇫🇮🇸🇪";
        let graphemes = |text: &str| text.graphemes(true).count() as f64;
        let broken = break_lines(flags, 3.0, &graphemes, None);
        assert!(broken.len() > 1, "{broken:?}");
        for line in &broken {
            let body = line.trim_end_matches('-');
            assert!(
                body.chars().count() % 2 == 0 && body.chars().all(|c| ('🇦'..='🇿').contains(&c)),
                "{broken:?}"
            );
        }
        assert_eq!(broken.concat().replace('-', ""), flags);
        let marked = "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}";
        let broken = break_lines(marked, 3.0, &graphemes, None);
        assert!(
            broken.iter().all(|line| !line.starts_with('\u{301}')),
            "{broken:?}"
        );
        assert_eq!(broken.concat().replace('-', ""), marked);
    }
}
