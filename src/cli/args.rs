//! Arguments several commands share, defined once so that they read and behave the same everywhere.

use std::path::PathBuf;

use clap::ValueEnum;
use jiff::civil::Date;

use crate::model::Language;

/// The files to work on.
#[derive(Debug, Clone, clap::Args)]
pub struct ProcessPaths {
    /// Process files, or folders searched for *.yaml and *.yml files (skipping what .gitignore ignores). Default:
    /// the processes folder of proc.toml (`processes`).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// `--today`: date-dependent commands never read the clock anywhere else.
#[derive(Debug, Clone, clap::Args)]
pub struct Today {
    /// The date that counts as today, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<Date>,
}

impl Today {
    /// `--today`, or the system's date: the one place `proc` reads the clock.
    pub fn date(&self) -> Date {
        self.today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }
}

/// `--within`: how far ahead a review counts as upcoming.
#[derive(Debug, Clone, clap::Args)]
pub struct Within {
    /// How far ahead a review counts as upcoming: days (30d) or weeks (6w).
    #[arg(long, value_name = "TIME", default_value = "30d", value_parser = crate::due::parse_within)]
    pub within: i32,
}

/// `--separator` of the CSV outputs.
#[derive(Debug, Clone, clap::Args)]
pub struct CsvSeparator {
    /// The field separator of --format csv: ';' (what Finnish and Swedish Excel expects), ',' or tab. Default:
    /// ';' when the language of proc.toml is sv or fi, ',' for en.
    #[arg(long, value_name = "SEP", value_parser = crate::csv::parse_separator)]
    pub separator: Option<crate::csv::Separator>,
}

impl CsvSeparator {
    pub fn or_for(&self, language: Language) -> crate::csv::Separator {
        self.separator
            .unwrap_or_else(|| crate::csv::Separator::for_language(language))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LanguageArg {
    Sv,
    Fi,
    En,
}

impl From<LanguageArg> for Language {
    fn from(language: LanguageArg) -> Language {
        match language {
            LanguageArg::Sv => Language::Sv,
            LanguageArg::Fi => Language::Fi,
            LanguageArg::En => Language::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Overdue,
    Upcoming,
}

pub fn parse_id(text: &str) -> Result<crate::model::ProcessId, String> {
    crate::model::ProcessId::new(text).ok_or_else(|| {
        let suggestion = crate::model::slug(text);
        let example = if suggestion.is_empty() {
            "hembesok".to_owned()
        } else {
            suggestion
        };
        format!("an id is written with lowercase letters a–z, digits and hyphens, like `{example}`")
    })
}

pub fn parse_date(text: &str) -> Result<Date, String> {
    match crate::rules::dates::read_date(text) {
        crate::rules::dates::DateText::Iso(date) => Ok(date),
        crate::rules::dates::DateText::Legacy(date) => {
            Err(format!("write the date as YYYY-MM-DD: {date}"))
        }
        crate::rules::dates::DateText::Invalid(reason) => Err(reason),
    }
}
