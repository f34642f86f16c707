//! Every rule `proc` knows, in one table ordered by code: the code → rule map that `proc rules`, `proc.toml`,
//! suppression comments, SARIF and the README's rule table are all made from.
//!
//! A rule can only be made here: [`Rule`] has a private field that only this module can set, and the one
//! [`registry!`] call below makes both the rule statics and [`ALL`]. A rule that is checked but missing from
//! `proc rules`, from `proc.toml` or from SARIF's rule list cannot exist. The checking code stays with its
//! family of rules (`rules/*.rs`, `load/`, `suppress.rs`, `internal.rs`), which re-export the rules they report.

use crate::finding::Severity;

/// A check `proc` makes, with a stable code and name that users put in `proc.toml` and in suppression comments.
#[derive(Debug)]
pub struct Rule {
    /// Stable code, e.g. `P201`. Codes are never reused for another meaning.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unknown-key`.
    pub name: &'static str,
    /// The severity when `proc.toml` does not set one.
    pub default_severity: Severity,
    /// What the rule checks and why, for `proc rules NAME` and SARIF rule metadata. The first line is a summary;
    /// an `Example:` and a `Write instead:` block of YAML end it.
    pub explanation: &'static str,
    /// Whether a `# proc: allow(…)` comment or `proc.toml` may switch the rule off or make it a warning. Rules
    /// that guard what every other command relies on (the file can be read at all, its id is safe to use as a
    /// file name and a web address) cannot be: a file breaking them is never used, whatever the file says.
    pub suppressible: bool,
    /// Where the rule is in [`ALL`]; private, so that no rule can be made outside the table.
    index: usize,
}

impl Rule {
    /// The first sentence of the explanation.
    pub fn summary(&self) -> &'static str {
        self.explanation.lines().next().unwrap_or("").trim()
    }

    /// Where the rule is in [`ALL`] (SARIF's `ruleIndex`).
    pub fn index(&self) -> usize {
        self.index
    }
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Rule {}

/// Makes the rule statics and [`ALL`] from one list, so that the two cannot disagree. Each rule's doc comment is
/// its explanation; `always` marks a rule that neither suppression comments nor `proc.toml` can switch off.
macro_rules! registry {
    ($(
        $(#[doc = $doc:literal])+
        $constant:ident = ($code:literal, $name:literal, $severity:ident $(, $always:ident)?);
    )+) => {
        /// The rules' positions in [`ALL`], counted by the compiler in the order they are listed.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Position {
            $($constant),+
        }

        $(
            $(#[doc = $doc])+
            pub static $constant: Rule = Rule {
                code: $code,
                name: $name,
                default_severity: Severity::$severity,
                explanation: concat!($($doc, "\n"),+),
                suppressible: registry!(@suppressible $($always)?),
                index: Position::$constant as usize,
            };
        )+

        /// Every rule, ordered by code.
        pub static ALL: &[&Rule] = &[$(&$constant),+];
    };
    (@suppressible) => { true };
    (@suppressible always) => { false };
}

registry! {
    /// `proc` failed while working on this file: a bug in `proc`, not a mistake in the file.
    ///
    /// The file could not be checked, so it is never counted as clean. The message says what went wrong inside
    /// `proc`; please report it together with the file (or a copy with the text replaced) so it can be fixed.
    INTERNAL_ERROR = ("P001", "internal-error", Error, always);

    /// The file is not valid YAML.
    ///
    /// `proc` cannot read anything else in the file until the syntax is fixed. The message names the line and
    /// column where the parser gave up; the real mistake is often just before it (a missing `:`, a quote that is
    /// never closed, or a line indented differently from its neighbours).
    ///
    /// Example:
    ///
    /// ```yaml
    /// goal: Målet: barnets välmående
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: "Målet: barnets välmående"
    /// ```
    INVALID_YAML = ("P101", "invalid-yaml", Error, always);

    /// A key appears twice in the same group of keys.
    ///
    /// YAML keeps only one of the two values, and different tools keep different ones, so a duplicate key silently
    /// loses text. Merge the two entries or rename one of them.
    ///
    /// Example:
    ///
    /// ```yaml
    /// owner: Elina Sandkulla
    /// goal: Stöd till familjen
    /// owner: Lea Gäddnäs
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// owner: Elina Sandkulla
    /// goal: Stöd till familjen
    /// ```
    DUPLICATE_KEY = ("P102", "duplicate-key", Error, always);

    /// A line is indented with a tab.
    ///
    /// YAML does not allow tabs for indentation; editors often insert them invisibly. Indent with spaces (two per
    /// level is the convention in process files).
    ///
    /// Example:
    ///
    /// ```yaml
    /// approved:
    #[doc = " \tdate: 2018-05-08"]
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2018-05-08
    /// ```
    TAB_INDENT = ("P103", "tab-indent", Error, always);

    /// The file holds more than one YAML document.
    ///
    /// One file describes one process. A line with only `---` starts a new document; move the second process into
    /// a file of its own, or remove the `---` line.
    ///
    /// Example:
    ///
    /// ```yaml
    /// id: hembesok
    /// ---
    /// id: hembesok-kopia
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// id: hembesok
    /// ```
    MULTIPLE_DOCUMENTS = ("P104", "multiple-documents", Error, always);

    /// The file is empty, or holds only comments.
    ///
    /// An empty or comment-only `.yaml` file in the processes directory is usually a mistake. Write the process
    /// (`proc new ID` gives a template), or delete the file.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # Hembesök: skrivs senare
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # Hembesök
    /// id: hembesok
    /// ```
    EMPTY_FILE = ("P105", "empty-file", Error, always);

    /// The file is not UTF-8 text.
    ///
    /// Process files must be saved as UTF-8 so that å, ä and ö survive every tool. A file saved as Latin-1 or
    /// Windows-1252, or as UTF-16 (what Notepad calls "Unicode"), shows up here; open it in your editor and save
    /// it again with the encoding UTF-8.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # saved as Latin-1
    /// name: Oro för anknytning
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # saved as UTF-8
    /// name: Oro för anknytning
    /// ```
    NOT_UTF8 = ("P106", "not-utf8", Error, always);

    /// The file is larger than the size limit.
    ///
    /// A process description is a few kilobytes; a file of megabytes is almost certainly not one (an export, a
    /// log, a pasted image). The limit protects CI from spending minutes on it. It is set by `max-file-size` in
    /// `proc.toml`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # proc.toml: max-file-size = 100
    /// id: hembesok
    /// name: Hembesök
    /// goal: Stöd till familjen, med en lång text som gör filen större än gränsen
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # proc.toml: max-file-size = 100
    /// id: hembesok
    /// name: Hembesök
    /// ```
    FILE_TOO_LARGE = ("P107", "file-too-large", Error, always);

    /// The YAML is too deeply nested or expands too many aliases.
    ///
    /// Aliases (`*name`) that refer to other aliases can make a tiny file expand to gigabytes (the "billion laughs"
    /// attack), and very deep nesting can exhaust memory. `proc` refuses such files quickly instead. Process files
    /// need neither: write the text out in full.
    ///
    /// Example:
    ///
    /// ```yaml
    /// a: &a [x, x, x, x, x, x, x, x, x]
    /// b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    /// c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    /// d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    /// e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    /// f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: Stöd till familjen
    /// ```
    YAML_LIMITS = ("P108", "yaml-limits", Error, always);

    /// A value written without quotes that other YAML tools read as something else.
    ///
    /// Older YAML (1.1, still used by many tools) reads `no`, `yes`, `on` and `off` as true/false, `08` as a
    /// number, and `1.10` as the number 1.1. `proc` reads the text as written, but an editor, a converter or a
    /// script may not. Put such values in quotes: `version: "1.10"`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// version: 1.10
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// version: "1.10"
    /// ```
    AMBIGUOUS_SCALAR = ("P109", "ambiguous-scalar", Warning);

    /// A YAML tag (`!!binary`, `!!int`, `!custom`) on a value.
    ///
    /// `proc` reads a tagged value as the text written after the tag, but other YAML tools follow the tag: a
    /// `!!binary` goal is bytes to them, and `!custom` may be refused. Process files need no tags: remove the tag
    /// and write the value as it should read.
    ///
    /// Example:
    ///
    /// ```yaml
    /// goal: !!binary T3B0aW1hbHQgdsOkbG3DpWVuZGU=
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: Optimalt välmående
    /// ```
    YAML_TAG = ("P110", "yaml-tag", Warning);

    /// An invisible character from Word where YAML needs a normal space, or inside a key.
    ///
    /// Text pasted from Word or a web page brings characters that show as nothing or as a space: a non-breaking
    /// space, a zero-width space, a soft hyphen, a word joiner, a byte order mark. Between the words of a text
    /// they do no harm and are not reported. But YAML counts only normal spaces as spaces: a non-breaking space in
    /// the indentation or after `key:` or `-`, or an invisible character inside a key, makes YAML read the line as
    /// something else than it looks (a key that is not the key, a list that is a text). `proc` cannot check the
    /// file as it is meant until they are gone: `proc lint --fix` writes a normal space or removes the character.
    ///
    /// Example:
    ///
    /// ```yaml
    #[doc = " own\u{00AD}er: Elina Sandkulla   # a soft hyphen hides in the key"]
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// owner: Elina Sandkulla
    /// ```
    INVISIBLE_CHARACTER = ("P111", "invisible-character", Error, always);

    /// A key that is not part of the process model.
    ///
    /// Usually a typo (`ownr` for `owner`) or a key written at the wrong indentation, so that it lands in the wrong
    /// group. A misspelt key is worse than a missing one: the text is there, but nothing reads it. The message
    /// suggests the key that was probably meant.
    ///
    /// Example:
    ///
    /// ```yaml
    /// ownr: Elina Sandkulla
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// owner: Elina Sandkulla
    /// ```
    UNKNOWN_KEY = ("P201", "unknown-key", Error);

    /// A key the model requires is missing.
    ///
    /// Every process needs at least `id`, `name`, `goal`, `owner`, `approved`, `version` and `steps`; every step
    /// needs `name`, `what` and `responsible`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// id: hembesok
    /// name: Hembesök
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// name: Hembesök
    /// goal: Stöd till familjen
    /// owner: Familjecentralens chef
    /// approved:
    ///   date: 2024-03-01
    ///   by: Socialdirektören
    /// version: 1
    /// review_cycle:
    ///   month: april
    /// steps:
    ///   - name: Bedömning
    ///     what: Hembesök hos familjen
    ///     responsible: [Socialarbetare]
    /// ```
    MISSING_KEY = ("P202", "missing-key", Error);

    /// A value of the wrong kind: a list where text is expected, text where a group of keys is expected, and so on.
    ///
    /// The message says what the key should hold and the help shows how to write it.
    ///
    /// Example:
    ///
    /// ```yaml
    /// owner:
    ///   - Elina Sandkulla
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// owner: Elina Sandkulla
    /// ```
    WRONG_TYPE = ("P203", "wrong-type", Error);

    /// A value the model does not allow, such as a language other than `sv`, `fi` or `en`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// language: se
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// language: sv
    /// ```
    INVALID_VALUE = ("P204", "invalid-value", Error);

    /// An optional key is present but has no value.
    ///
    /// `partners:` with nothing after it is read as no partners; editors flag it as an error. Fill it in or
    /// remove the line.
    ///
    /// Example:
    ///
    /// ```yaml
    /// users:
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// users: Personalen på familjecentralen
    /// ```
    EMPTY_VALUE = ("P205", "empty-value", Warning);

    /// The other `proc` commands cannot read this file as a process, although no other rule reports an error.
    ///
    /// This happens when `proc.toml` turns a rule off or makes it a warning (for example `invalid-date`) and the
    /// file breaks that rule: `proc due`, `review`, `render` and `list` would then leave the file out. The message
    /// says what could not be read; fix that value. If no setting explains it, it is a bug in `proc`: please
    /// report it with the file.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # proc.toml: [rules]
    /// # proc.toml: invalid-date = "off"
    /// # file: hembesok.yaml
    /// id: hembesok
    /// name: Hembesök
    /// goal: Stöd till familjen
    /// owner: Familjecentralens chef
    /// approved:
    ///   date: 2023-02-29
    ///   by: Socialdirektören
    /// version: 1
    /// review_cycle:
    ///   month: april
    /// steps:
    ///   - name: Bedömning
    ///     what: Hembesök hos familjen
    ///     responsible: [Socialarbetare]
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # proc.toml: [rules]
    /// # proc.toml: invalid-date = "off"
    /// # file: hembesok.yaml
    /// id: hembesok
    /// name: Hembesök
    /// goal: Stöd till familjen
    /// owner: Familjecentralens chef
    /// approved:
    ///   date: 2024-03-01
    ///   by: Socialdirektören
    /// version: 1
    /// review_cycle:
    ///   month: april
    /// steps:
    ///   - name: Bedömning
    ///     what: Hembesök hos familjen
    ///     responsible: [Socialarbetare]
    /// ```
    UNUSABLE_PROCESS = ("P206", "unusable-process", Error, always);

    /// A date that is not a real date, or not written as a date at all.
    ///
    /// Dates are written YYYY-MM-DD (`2018-05-08`). The message says what is wrong: a month above 12, a day that
    /// the month does not have (2023-02-29), or text that is not a date.
    ///
    /// Example:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2023-02-29
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2023-02-28
    /// ```
    INVALID_DATE = ("P301", "invalid-date", Error);

    /// A date written the legacy way, day.month.year (8.5.2018).
    ///
    /// Exported charts write dates as 8.5.2018; in process files dates are written YYYY-MM-DD so that they sort
    /// and compare correctly and no one has to guess whether 8.5 is May or August. The message says which date
    /// was meant.
    ///
    /// Example:
    ///
    /// ```yaml
    /// approved:
    ///   date: 8.5.2018
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2018-05-08
    /// ```
    LEGACY_DATE = ("P302", "legacy-date", Error);

    /// A date in the future.
    ///
    /// An approval, update or review cannot have happened on a day that has not come yet: usually the year is
    /// mistyped. "Today" is the system date, or `--today YYYY-MM-DD`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2099-01-15
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2024-01-15
    /// ```
    FUTURE_DATE = ("P303", "future-date", Error);

    /// An update or review dated before the approval.
    ///
    /// `updated` and `reviews` record what happened to an approved process, so they cannot come before
    /// `approved.date`. One of the dates is mistyped.
    ///
    /// Example:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2018-05-08
    /// updated:
    ///   date: 2017-12-31
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// approved:
    ///   date: 2018-05-08
    /// updated:
    ///   date: 2019-12-31
    /// ```
    DATE_ORDER = ("P304", "date-order", Error);

    /// A review month that is not a month.
    ///
    /// Months are written as a number 1–12 or as a name in Swedish, Finnish or English (`april`, `huhtikuu`,
    /// `April`). A window of several months is written with `from` and `to`, not as one value (`februari-mars`).
    ///
    /// Example:
    ///
    /// ```yaml
    /// review_cycle:
    ///   month: februari-mars
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// review_cycle:
    ///   windows:
    ///     - name: Utvärdering
    ///       from: februari
    ///       to: mars
    /// ```
    INVALID_MONTH = ("P305", "invalid-month", Error);

    /// A version that is not a version number.
    ///
    /// Versions are numbers of one to three parts: `1`, `1.2`, `1.2.3`. Write only the number: "Version 1" from an
    /// exported chart is `version: 1`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// version: Version 1
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// version: 1
    /// ```
    INVALID_VERSION = ("P306", "invalid-version", Error);

    /// The `id` is not a lowercase ASCII identifier.
    ///
    /// An id is written with the letters a–z, digits and single hyphens (`oro-for-anknytning`): it becomes a file
    /// name and a web address, where spaces, capitals and å, ä, ö cause trouble. The help suggests an id made
    /// from the one written.
    ///
    /// Example:
    ///
    /// ```yaml
    /// id: Oro för anknytning
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// id: oro-for-anknytning
    /// ```
    INVALID_ID = ("P307", "invalid-id", Error, always);

    /// The `id` is not the same as the file name.
    ///
    /// `processes/oro-for-anknytning.yaml` must have `id: oro-for-anknytning`, so that a process can be found from
    /// its id (in `interfaces`, in links between rendered pages) without opening every file.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok-kopia
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// ```
    ID_MISMATCH = ("P401", "id-mismatch", Error);

    /// Two process files with the same `id`.
    ///
    /// The id is how other processes, rendered pages and `proc review` find a process; two files with one id make
    /// that ambiguous. Usually a file was copied as a starting point and the id was not changed.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// # file: hembesok-kopia.yaml
    /// id: hembesok
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// # file: hembesok-kopia.yaml
    /// id: hembesok-kopia
    /// ```
    DUPLICATE_ID = ("P402", "duplicate-id", Error, always);

    /// An interface names a process id that does not exist.
    ///
    /// `interfaces: [{ process: ID }]` must name the `id` of a process in the repository (its file is `ID.yaml`
    /// in the processes directory). For something outside the repository, write plain text instead.
    ///
    /// Example:
    ///
    /// ```yaml
    /// interfaces:
    ///   - process: tredje-processen
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// interfaces:
    ///   - Tredje sektorns stödgrupper
    /// ```
    UNKNOWN_INTERFACE = ("P403", "unknown-interface", Error);

    /// A link whose target is empty or a placeholder (`#`).
    ///
    /// Exported charts often hold links that were never filled in (`<a href="#">`). A reader who clicks one gets
    /// nowhere. Write the real address, or write the instruction as plain text if it has none.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     instructions:
    ///       - title: Socialvårdslag 2014
    ///         url: "#"
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     instructions:
    ///       - title: Socialvårdslag 2014
    ///         url: https://www.finlex.fi/sv/lagstiftning/2014/1301
    /// ```
    PLACEHOLDER_LINK = ("P404", "placeholder-link", Warning);

    /// A link to something other than a web page, an e-mail address or a relative path.
    ///
    /// Only `https:`, `http:`, `mailto:` and relative links are published; `javascript:`, `data:`, `file:` and
    /// other targets are dropped when the process is rendered, because they can run code in the reader's browser
    /// or point at files only one computer has.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     instructions:
    ///       - title: Socialvårdslag 2014
    ///         url: javascript:alert(1)
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     instructions:
    ///       - title: Socialvårdslag 2014
    ///         url: https://www.finlex.fi/sv/lagstiftning/2014/1301
    /// ```
    UNSAFE_LINK = ("P405", "unsafe-link", Error);

    /// A step's `next` names a step `id` that does not exist.
    ///
    /// `next` lists the `id`s of the steps the flow goes to after this one. Each must be the `id` of a step in
    /// the same process.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - id: bedomning
    ///     name: Bedömning
    ///     next: [vard]
    ///   - id: stod
    ///     name: Stöd
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - id: bedomning
    ///     name: Bedömning
    ///     next: [stod]
    ///   - id: stod
    ///     name: Stöd
    /// ```
    UNKNOWN_NEXT_STEP = ("P406", "unknown-next-step", Error);

    /// A retired process names a replacement that does not exist.
    ///
    /// `retired.replaced_by` must be the `id` of a process in the repository, so that readers of the retired
    /// page are sent to the one in use. If the replacement is kept elsewhere, say so in `note` instead.
    ///
    /// Example:
    ///
    /// ```yaml
    /// retired:
    ///   date: 2024-01-31
    ///   by: Socialnämnden
    ///   replaced_by: hembesok-2024
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// retired:
    ///   date: 2024-01-31
    ///   by: Socialnämnden
    ///   note: Ersatt av kommunens nya hembesöksprogram
    /// ```
    UNKNOWN_REPLACEMENT = ("P407", "unknown-replacement", Error);

    /// An interface names a process that is retired.
    ///
    /// A retired process is no longer in use; an interface to it sends readers to an old page. Point the
    /// interface to the process that replaced it (the finding names it), or remove the interface.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// retired:
    ///   date: 2024-01-31
    ///   by: Socialnämnden
    ///   replaced_by: hembesok-2024
    /// # file: hembesok-2024.yaml
    /// id: hembesok-2024
    /// # file: familjestod.yaml
    /// id: familjestod
    /// interfaces:
    ///   - process: hembesok
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # file: hembesok.yaml
    /// id: hembesok
    /// retired:
    ///   date: 2024-01-31
    ///   by: Socialnämnden
    ///   replaced_by: hembesok-2024
    /// # file: hembesok-2024.yaml
    /// id: hembesok-2024
    /// # file: familjestod.yaml
    /// id: familjestod
    /// interfaces:
    ///   - process: hembesok-2024
    /// ```
    RETIRED_INTERFACE = ("P408", "retired-interface", Warning);

    /// An owner without an e-mail address in `proc.toml`, when it lists the owners' addresses.
    ///
    /// `proc due --format email` sends each owner the reminders of their own processes, to the address `[owners]`
    /// in `proc.toml` gives them. An owner not there gets no reminder. Add the owner under `[owners]`, written as
    /// the process writes it (case and spaces do not count), or write the owner as `[owners]` already does.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # proc.toml: [owners]
    /// # proc.toml: "Elina Sandkulla" = "elina.sandkulla@example.fi"
    /// id: example
    /// owner: Lea Gäddnäs
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # proc.toml: [owners]
    /// # proc.toml: "Elina Sandkulla" = "elina.sandkulla@example.fi"
    /// # proc.toml: "Lea Gäddnäs" = "lea.gaddnas@example.fi"
    /// id: example
    /// owner: Lea Gäddnäs
    /// ```
    OWNER_WITHOUT_ADDRESS = ("P409", "owner-without-address", Warning);

    /// A required text, or a list entry, that is empty or only spaces.
    ///
    /// A process without a name, goal or owner, or a step that does not say what is done, is not finished. Write
    /// the text, or remove an empty list entry (a line with only `- `).
    ///
    /// Example:
    ///
    /// ```yaml
    /// goal:
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: Stöd till familjen
    /// ```
    EMPTY_TEXT = ("P501", "empty-text", Error);

    /// A step without anyone responsible.
    ///
    /// Every step needs at least one role in `responsible` ("Vem gör/Ansvarig"): a step no one owns does not get
    /// done, and the rendered chart has no lane to put it in.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     responsible: []
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     responsible: [Socialarbetare]
    /// ```
    NO_RESPONSIBLE = ("P502", "no-responsible", Error);

    /// Two steps with the same name (or the same `id`).
    ///
    /// Steps are referred to by name in discussions and by `id` in `next`; two steps called the same are
    /// ambiguous, and usually one of them was copied and not renamed.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///   - name: Bedömning
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///   - name: Ny bedömning efter tre månader
    /// ```
    DUPLICATE_STEP = ("P503", "duplicate-step", Error);

    /// A list written on one line ("- a - b - c").
    ///
    /// Exported charts flatten a cell's list into one line. Written that way it shows as one run-on sentence:
    /// put each item on its own line (a YAML list for roles and names, a Markdown list in a `|` block for text).
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     what: "- Stödsamtal - Terapisamtal - Hembesök"
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     what: |
    ///       - Stödsamtal
    ///       - Terapisamtal
    ///       - Hembesök
    /// ```
    INLINE_LIST = ("P504", "inline-list", Warning);

    /// HTML pasted into a text.
    ///
    /// Text fields are Markdown; HTML tags such as `<a href="…">` are shown as plain text, not as links. Write an
    /// instruction link as `title:` and `url:`, and other links as Markdown: `[title](https://…)`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     what: 'Enligt <a href="https://finlex.fi">socialvårdslagen</a>'
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     what: Enligt [socialvårdslagen](https://finlex.fi)
    /// ```
    RAW_HTML = ("P505", "raw-html", Warning);

    /// The process has no review cycle.
    ///
    /// Without `review_cycle`, `proc due` can never remind anyone that the process should be reviewed. Name the
    /// month of the annual clock ("årsklockan") when it is evaluated and updated: `review_cycle: { month: april }`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// id: hembesok
    /// name: Hembesök
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// id: hembesok
    /// name: Hembesök
    /// review_cycle:
    ///   month: april
    /// ```
    NO_REVIEW_CYCLE = ("P506", "no-review-cycle", Warning);

    /// A placeholder of the `proc new` template is still in the file.
    ///
    /// `proc new` writes `<fyll i: …>` (or `<täytä: …>`, `<fill in: …>`) where a value is needed. Replace the
    /// whole placeholder, angle brackets included, with the real text.
    ///
    /// Example:
    ///
    /// ```yaml
    /// goal: "<fyll i: vad processen ska uppnå>"
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: Stöd till familjen
    /// ```
    PLACEHOLDER = ("P507", "placeholder", Error);

    /// Text from an imported chart has not been placed in a field yet.
    ///
    /// `proc import` keeps what fits no field under `unmapped`, so nothing of the original is lost. Move each
    /// entry to the field where it belongs (or delete it if it is not needed), then delete `unmapped`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// unmapped:
    ///   - "Bilaga: blankett för hembesök"
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Hembesök
    ///     instructions:
    ///       - Bilaga: blankett för hembesök
    /// ```
    UNMAPPED_CONTENT = ("P508", "unmapped-content", Warning);

    /// A text value followed by ` #…` on the same line: YAML drops that part as a comment.
    ///
    /// In YAML, ` #` starts a comment, even in the middle of a sentence: `goal: Svar inom 7 dagar #mål` gives the
    /// goal `Svar inom 7 dagar`, and `#mål` is in no page, PDF or output. After a text that is almost never what
    /// the author meant, so `proc` reports it as an error: put the whole text in quotes (`proc lint --fix` does
    /// it), or, for a note to the editors of the file, move the comment to a line of its own. Comments on their
    /// own line, and after keys that hold no text (`steps:`, `version: 2`, a date), stay comments.
    ///
    /// Example:
    ///
    /// ```yaml
    /// goal: Hakemukset käsitellään 7 arkipäivän kuluessa #tavoite
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// goal: "Hakemukset käsitellään 7 arkipäivän kuluessa #tavoite"
    /// ```
    COMMENT_IN_TEXT = ("P509", "comment-in-text", Error);

    /// A value wrapped in curly quotes (”…”, “…”, ‘…’) from Word, where straight quotes were meant.
    ///
    /// Only straight quotes (`"…"`, `'…'`) quote a YAML value. Word turns them into curly ones as you type, and
    /// then the quotes are part of the text: they show in the page title and in every list. Write straight
    /// quotes (`proc lint --fix` does it), or no quotes at all when the text needs none.
    ///
    /// Example:
    ///
    /// ```yaml
    /// name: ”Hembesök för familjer”
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// name: Hembesök för familjer
    /// ```
    CURLY_QUOTES = ("P510", "curly-quotes", Warning);

    /// A text written over several lines without `|`: YAML joins the lines into one.
    ///
    /// A value that goes on to the next lines (without `|` after the key) is folded by YAML into a single line, so
    /// three lines become one run-on sentence on the page. Write `|` after the key to keep each line as it is
    /// (`proc lint --fix --unsafe-fixes` does it); a line starting with `- ` then becomes a list item. To join
    /// the lines on purpose, write `>` after the key.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Päätös
    ///     what: Päätös tehdään
    ///       ja lähetetään asiakkaalle
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Päätös
    ///     what: |
    ///       Päätös tehdään
    ///       ja lähetetään asiakkaalle
    /// ```
    FOLDED_TEXT = ("P511", "folded-text", Warning);

    /// The process is a draft: it has not been approved.
    ///
    /// A process without `approved` is being written and is not to be used yet: its page says "draft" at the
    /// top, the index lists it apart, and no review falls due. When it has been approved, record when and by
    /// whom: `proc approve ID --by NAME` does it. To stop drafts reaching the main branch, make this rule an error
    /// in CI: `draft = "error"` under `[rules]` in `proc.toml`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// id: hembesok
    /// name: Hembesök
    /// version: 1
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// id: hembesok
    /// name: Hembesök
    /// approved:
    ///   date: 2024-03-01
    ///   by: Socialdirektör Anna Berg
    /// version: 1
    /// ```
    DRAFT = ("P512", "draft", Warning);

    /// A process changed since the base revision but kept its version.
    ///
    /// Readers and auditors rely on the version to know which description they have. Raise it when the content
    /// changes: `version: 1.1` for a correction, `version: 2` for a new way of working. Changes to comments,
    /// layout or the `reviews` history alone do not need a new version. Checked with `proc lint --base REV`.
    ///
    /// Example:
    ///
    /// ```yaml
    /// # file: hembesok.yaml, changed since the base revision, which had version: 2
    /// version: 2
    /// goal: Stöd till familjen inom en vecka
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// # file: hembesok.yaml, changed since the base revision, which had version: 2
    /// version: 3
    /// goal: Stöd till familjen inom en vecka
    /// ```
    VERSION_NOT_BUMPED = ("P601", "version-not-bumped", Error);

    /// A suppression comment that suppresses nothing.
    ///
    /// The problem it was written for has been fixed (or moved): delete the comment, so that it does not hide the
    /// same problem if it comes back somewhere else.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   # proc: allow(raw-html) the chart links to the law here
    ///   - name: Bedömning
    ///     what: Enligt socialvårdslagen
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   - name: Bedömning
    ///     what: Enligt socialvårdslagen
    /// ```
    UNUSED_SUPPRESSION = ("P901", "unused-suppression", Warning);

    /// A suppression comment that names a rule `proc` does not have, or one that cannot be suppressed.
    ///
    /// Write the rule's name or code as `proc rules` lists them: `# proc: allow(placeholder-link) reason`. Rules
    /// marked `always` in `proc rules` (a file that is not valid YAML, an unsafe id, …) cannot be
    /// suppressed: no command can use a file that breaks them.
    ///
    /// Example:
    ///
    /// ```yaml
    /// steps:
    ///   # proc: allow(raw-htm) the chart links to the law here
    ///   - name: Bedömning
    ///     what: Enligt <a href="https://finlex.fi">lagen</a>
    /// ```
    ///
    /// Write instead:
    ///
    /// ```yaml
    /// steps:
    ///   # proc: allow(raw-html) the chart links to the law here
    ///   - name: Bedömning
    ///     what: Enligt <a href="https://finlex.fi">lagen</a>
    /// ```
    INVALID_SUPPRESSION = ("P902", "invalid-suppression", Warning);
}
