//! `proc.toml`: where the processes are, the default language, and how serious each rule is.
//!
//! Found by looking upward from the working directory, the way git finds `.git`, so `proc lint` works from any
//! folder of a process repository. No file means the defaults.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::finding::{Rule, Severity};
use crate::load::DEFAULT_MAX_FILE_SIZE;
use crate::model::Language;
use crate::rules::{all_rules, did_you_mean, find_rule};

pub const CONFIG_FILE: &str = "proc.toml";

/// The severity a rule is configured to, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Off,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Off => "off",
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    processes: Option<PathBuf>,
    language: Option<Language>,
    max_file_size: Option<u64>,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    owners: Option<BTreeMap<String, OneOrMore>>,
    mail: Option<MailFile>,
}

/// An owner's address, or several (a role held by more than one person).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(String),
    More(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MailFile {
    from: Option<String>,
}

/// The e-mail addresses of the process owners, from `[owners]` in `proc.toml`: the reminders of `proc due --format
/// email` go to them. An owner is looked up as written in `owner`, with case and runs of spaces (a non-breaking one
/// pasted from Word too) not counting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Owners {
    /// By [`owner_key`], with the name as `proc.toml` writes it.
    addresses: BTreeMap<String, (String, Vec<String>)>,
}

impl Owners {
    /// The addresses of `owner`, if `[owners]` has them.
    pub fn addresses(&self, owner: &str) -> Option<&[String]> {
        self.addresses
            .get(&owner_key(owner))
            .map(|(_, addresses)| addresses.as_slice())
    }

    /// The owner names `[owners]` has, as written there.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.addresses.values().map(|(name, _)| name.as_str())
    }
}

/// An owner's name with its words apart by one space, as messages show it (a non-breaking space pasted from Word
/// is a space).
pub fn owner_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An owner's name as it is compared: [`owner_name`] in lower case.
pub fn owner_key(name: &str) -> String {
    owner_name(name).to_lowercase()
}

/// Whether `text` is an e-mail address a mailer takes: one `@` between a local part and a domain with a dot, and
/// nothing that could end or split a header line.
pub fn is_address(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    // ASCII only: a header carries no other characters (an international domain is written in its xn-- form).
    text.is_ascii()
        && !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && text
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\\\"".contains(c))
}

/// A sender as a mail header writes it: `kvalitet@example.fi` or `Kvalitetsgruppen <kvalitet@example.fi>` (the
/// parser of `proc due --from`).
pub fn parse_sender(text: &str) -> Result<String, String> {
    let text = text.trim();
    let address = match text.rsplit_once('<') {
        Some((_, rest)) => rest.strip_suffix('>').unwrap_or("not an address"),
        None => text,
    };
    if text.chars().any(char::is_control) || !is_address(address) {
        return Err(format!(
            "`{text}` is not a sender address: write it as kvalitet@example.fi or as Kvalitetsgruppen <kvalitet@example.fi>"
        ));
    }
    Ok(text.to_owned())
}

/// Reads `[owners]`, refusing what no mailer could use and two names that are the same owner.
fn owners(table: BTreeMap<String, OneOrMore>) -> Result<Owners, String> {
    let mut addresses: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for (name, value) in table {
        let list = match value {
            OneOrMore::One(address) => vec![address],
            OneOrMore::More(list) => list,
        };
        let list: Vec<String> = list
            .iter()
            .map(|address| address.trim().to_owned())
            .collect();
        if list.is_empty() {
            return Err(format!(
                "[owners] gives \"{name}\" no address: write one, as \"{name}\" = \"name@example.org\", or remove the line"
            ));
        }
        if let Some(wrong) = list.iter().find(|address| !is_address(address)) {
            return Err(format!(
                "[owners] gives \"{name}\" the address \"{wrong}\", which is not an e-mail address: write it as name@example.org, in ASCII (an international domain in its xn-- form)"
            ));
        }
        let key = owner_key(&name);
        if key.is_empty() {
            return Err(
                "[owners] has an empty name: write the owner as the processes write it".to_owned(),
            );
        }
        if let Some((other, _)) = addresses.get(&key) {
            return Err(format!(
                "[owners] has both \"{other}\" and \"{name}\", which are the same owner (case and spaces do not count): keep one"
            ));
        }
        addresses.insert(key, (name, list));
    }
    Ok(Owners { addresses })
}

/// The configuration in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// The `proc.toml` that was read, if any.
    pub file: Option<PathBuf>,
    /// The processes directory: linted when no path is given, and where interface targets are looked up.
    pub processes: PathBuf,
    pub language: Language,
    pub max_file_size: u64,
    levels: HashMap<&'static str, Level>,
    /// The owners' e-mail addresses, when `proc.toml` has `[owners]`.
    pub owners: Option<Owners>,
    /// The sender of the reminders (`[mail] from`).
    pub mail_from: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            processes: PathBuf::from("processes"),
            language: Language::Sv,
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            levels: HashMap::new(),
            owners: None,
            mail_from: None,
        }
    }
}

/// A configuration file that cannot be used.
#[derive(Debug)]
pub struct ConfigError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Finds `proc.toml` in `start` or the nearest folder above it, and reads it.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        let found = start
            .ancestors()
            .map(|folder| folder.join(CONFIG_FILE))
            .find(|candidate| candidate.is_file());
        match found {
            Some(path) => Config::read(&path),
            None => Ok(Config::default()),
        }
    }

    /// Reads a configuration file. Relative paths in it are relative to the folder the file is in.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let error = |message: String| ConfigError {
            path: path.to_path_buf(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| error(format!("cannot read the file: {e}")))?;
        Config::parse(path, &text).map_err(error)
    }

    pub(crate) fn parse(path: &Path, text: &str) -> Result<Config, String> {
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        let folder = path.parent().unwrap_or(Path::new(""));
        let mut levels = HashMap::new();
        for (name, level) in &file.rules {
            let Some(rule) = find_rule(name) else {
                let hint = match did_you_mean(name, all_rules().iter().map(|rule| rule.name)) {
                    Some(close) => format!(" (did you mean `{close}`?)"),
                    None => " (`proc rules` lists them)".to_owned(),
                };
                return Err(format!("[rules] names `{name}`, which is not a rule{hint}"));
            };
            if !rule.suppressible && *level != Level::Error {
                return Err(format!(
                    "[rules] sets `{name}` to \"{}\", but `{}` is always an error: proc cannot use a file that \
                     breaks it, so it cannot be turned off or made a warning (remove the line)",
                    level.as_str(),
                    rule.name
                ));
            }
            levels.insert(rule.code, *level);
        }
        let owners = file.owners.map(owners).transpose()?;
        let mail_from = file.mail.and_then(|mail| mail.from);
        if let Some(from) = &mail_from {
            parse_sender(from).map_err(|message| format!("[mail] from: {message}"))?;
        }
        let processes = file.processes.unwrap_or_else(|| PathBuf::from("processes"));
        let processes = if processes.is_relative() && !folder.as_os_str().is_empty() {
            folder.join(processes)
        } else {
            processes
        };
        Ok(Config {
            file: Some(path.to_path_buf()),
            processes,
            language: file.language.unwrap_or(Language::Sv),
            max_file_size: file.max_file_size.unwrap_or(DEFAULT_MAX_FILE_SIZE),
            levels,
            owners,
            mail_from,
        })
    }

    /// The error for a processes folder that does not exist, with `usage` (the command's way round it) as help. On its
    /// own, "processes: no such file or directory" tells someone in a new folder, or the wrong one, neither what is
    /// missing nor how to begin.
    pub fn missing_processes_folder(&self, usage: &str) -> Option<String> {
        let config = self;
        if config.processes.exists() {
            return None;
        }
        let here = std::env::current_dir().ok();
        let shown = |path: &Path| {
            here.as_deref()
                .and_then(|here| crate::walk::relative_to(path, here))
                .unwrap_or_else(|| path.to_path_buf())
                .display()
                .to_string()
        };
        let folder = shown(&config.processes);
        let yaml_here = here
            .as_deref()
            .and_then(|here| std::fs::read_dir(here).ok())
            .is_some_and(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|entry| crate::walk::is_process_file(&entry.path()))
            });
        let also = if yaml_here {
            "\nhelp: this folder has .yaml files: if they are process files, pass `.` (this folder) as the path"
        } else {
            ""
        };
        Some(match &config.file {
            None => format!(
                "there is no processes folder here (no proc.toml in this folder or above, and no ./{folder})\n\
                 help: start one with `proc new ID`, {usage}{also}"
            ),
            Some(file) => format!(
                "the processes folder of {file}, {folder}, does not exist\n\
                 help: start it with `proc new ID`, correct `processes` in {file}, {usage}{also}",
                file = shown(file),
            ),
        })
    }

    /// What a command given no paths works on: the processes folder, relative to the current folder when inside it.
    pub fn default_paths(&self) -> Vec<PathBuf> {
        let processes = self.processes.clone();
        let processes = std::env::current_dir()
            .ok()
            .and_then(|here| crate::walk::relative_to(&processes, &here))
            .unwrap_or(processes);
        vec![processes]
    }

    /// The severity of a rule's findings, or `None` when the rule is off.
    pub fn severity(&self, rule: &Rule) -> Option<Severity> {
        if !rule.suppressible {
            return Some(rule.default_severity);
        }
        match self.levels.get(rule.code) {
            None => Some(rule.default_severity),
            Some(Level::Error) => Some(Severity::Error),
            Some(Level::Warning) => Some(Severity::Warning),
            Some(Level::Off) => None,
        }
    }

    /// Codes of the rules turned off.
    pub fn disabled(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.levels
            .iter()
            .filter(|(_, level)| **level == Level::Off)
            .map(|(code, _)| *code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_configured_by_name_or_code() {
        let config = Config::parse(
            Path::new("repo/proc.toml"),
            "processes = \"docs/processer\"\nlanguage = \"fi\"\n[rules]\nplaceholder-link = \"error\"\nP303 = \"off\"\n",
        );
        let config = config.expect("valid config");
        assert_eq!(config.processes, PathBuf::from("repo/docs/processer"));
        assert_eq!(config.language, Language::Fi);
        let placeholder = find_rule("placeholder-link").expect("rule");
        assert_eq!(config.severity(placeholder), Some(Severity::Error));
        let future = find_rule("future-date").expect("rule");
        assert_eq!(config.severity(future), None);
    }

    #[test]
    fn unknown_rules_and_keys_are_refused_with_a_suggestion() {
        let error = Config::parse(
            Path::new("proc.toml"),
            "[rules]\nplaceholder-links = \"off\"\n",
        );
        assert!(error.is_err_and(|e| e.contains("did you mean `placeholder-link`")));
        let error = Config::parse(Path::new("proc.toml"), "proceses = \"x\"\n");
        assert!(error.is_err_and(|e| e.contains("proceses")));
    }

    #[test]
    fn owners_are_found_as_the_processes_write_them_and_bad_addresses_are_refused() {
        let config = Config::parse(
            Path::new("proc.toml"),
            "[owners]\n\"Elina Sandkulla\" = \"elina@example.fi\"\n\"Socialnämnden\" = [\"a@example.fi\", \"b@example.fi\"]\n[mail]\nfrom = \"Kvalitetsgruppen <kvalitet@example.fi>\"\n",
        )
        .expect("valid config");
        let owners = config.owners.expect("[owners]");
        assert_eq!(
            owners.addresses("elina\u{a0}sandkulla "),
            Some(&["elina@example.fi".to_owned()][..])
        );
        assert_eq!(
            owners.addresses("socialnämnden").map(<[String]>::len),
            Some(2)
        );
        assert_eq!(owners.addresses("Elina"), None);
        assert_eq!(
            config.mail_from.as_deref(),
            Some("Kvalitetsgruppen <kvalitet@example.fi>")
        );
        for (toml, said) in [
            (
                "[owners]\nAnna = \"anna at example.fi\"\n",
                "not an e-mail address",
            ),
            (
                "[owners]\nAnna = \"a@example.fi\\nBcc: x@evil.example\"\n",
                "not an e-mail address",
            ),
            ("[owners]\nAnna = []\n", "no address"),
            (
                "[owners]\nAnna = \"a@example.fi\"\nanna = \"b@example.fi\"\n",
                "the same owner",
            ),
            ("[mail]\nfrom = \"kvalitet\"\n", "not a sender address"),
            (
                "[owners]\nAnna = \"anna@kommunen.å\"\n",
                "not an e-mail address",
            ),
            ("[mail]\nto = \"a@example.fi\"\n", "unknown field"),
        ] {
            let error = Config::parse(Path::new("proc.toml"), toml);
            assert!(
                error.as_ref().is_err_and(|e| e.contains(said)),
                "{toml}: {error:?}"
            );
        }
    }

    #[test]
    fn rules_that_guard_every_command_cannot_be_turned_off_or_down() {
        for level in ["off", "warning"] {
            let error = Config::parse(
                Path::new("proc.toml"),
                &format!("[rules]\ninvalid-id = \"{level}\"\n"),
            );
            assert!(
                error.is_err_and(|e| e.contains("`invalid-id` is always an error")),
                "{level}"
            );
        }
        let config = Config::parse(
            Path::new("proc.toml"),
            "[rules]\ninvalid-yaml = \"error\"\n",
        );
        let rule = find_rule("invalid-yaml").expect("rule");
        assert_eq!(config.expect("valid").severity(rule), Some(Severity::Error));
    }
}
