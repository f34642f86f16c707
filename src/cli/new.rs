//! `proc new`.

use std::path::PathBuf;

use super::args::LanguageArg;
use super::{Context, Error, ExitStatus};
use crate::model::{Language, Month};
use crate::template::{CreateError, NewProcess};

/// Start a new process file from a template with every field explained.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Writes processes/ID.yaml (the processes folder of proc.toml; the folder is made if it does \
    not exist yet), never over an existing file. The placeholders in <angle brackets> are what `proc lint` asks you \
    to fill in. The placeholders, comments and review month are in the language of --language.

Examples:
  proc new hembesok --name \"Hembesök för familjer\" --owner \"Familjecentralens chef\" \\
      --review-month april
  proc new kotikaynnit --language fi --review-month huhtikuu
  proc new home-visits --language en --out drafts"
)]
pub struct NewArgs {
    /// The id of the process: lowercase letters, digits and hyphens (it becomes the file name).
    id: String,

    /// The name of the process.
    #[arg(long)]
    name: Option<String>,

    /// Who owns the process.
    #[arg(long)]
    owner: Option<String>,

    /// The month of the annual review: a number or a Swedish, Finnish or English name. It is written in the
    /// language of the file (huhtikuu in a Finnish file, april in a Swedish or English one).
    #[arg(long, value_name = "MONTH")]
    review_month: Option<String>,

    /// The language of the file: sv (Swedish), fi (Finnish) or en (English). The placeholders, the comments and the
    /// review month are written in it, and `proc render` uses it for the page's headings. Default: `language` in
    /// proc.toml, else sv.
    #[arg(long, alias = "lang", value_enum, value_name = "LANG")]
    language: Option<LanguageArg>,

    /// The folder to write ID.yaml to (default: the processes folder of proc.toml, made if missing).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: NewArgs, context: &Context) -> Result<ExitStatus, Error> {
    if !crate::model::is_slug(&args.id) {
        let suggestion = crate::model::slug(&args.id);
        return Err(CreateError::InvalidId {
            id: args.id,
            suggestion,
        }
        .into());
    }
    let month = match args.review_month.as_deref() {
        Some(text) => Some(Month::parse(text).ok_or_else(|| {
            format!(
                "`{text}` is not a month: write a number 1–12 or a name such as april or huhtikuu"
            )
        })?),
        None => None,
    };
    let language = args
        .language
        .map_or(context.config.language, Language::from);
    let new = NewProcess {
        id: &args.id,
        name: args.name.as_deref(),
        owner: args.owner.as_deref(),
        review_month: month,
        language,
    };
    let (target, made_folder) = crate::template::create(&new, &context.output_folder(args.out))?;
    if made_folder {
        eprintln!(
            "made the folder {}",
            target.parent().unwrap_or(&target).display()
        );
    }
    let target = target.display();
    eprintln!("wrote {target}: fill in the <placeholders>, then run `proc lint {target}`");
    if args.language.is_none()
        && let (Some(text), Some(month)) = (args.review_month.as_deref(), month)
        && let Some(meant) = crate::template::month_language(text, month)
        && meant != language
    {
        eprintln!(
            "note: the file is in {} (the default language; --language chooses another), so the review month is \
             written `{}`; for a file in {}, delete it and run `proc new {} --language {}`",
            language.english_name(),
            month.name(language).to_lowercase(),
            meant.english_name(),
            args.id,
            meant.code()
        );
    }
    Ok(ExitStatus::Success)
}
