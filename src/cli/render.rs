//! `proc render`.

use std::path::PathBuf;

use super::args::{LanguageArg, ProcessPaths, Today, Within};
use super::{Context, Error, ExitStatus};
use crate::lint::LintOptions;
use crate::render::output::{Formats, RenderRequest};

/// Render processes as self-contained HTML pages and print-ready PDFs, and a site index.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "A file with lint errors is not rendered: it is named on stderr, the rest are rendered, and \
    the exit status is 1.

Examples:
  proc render --out site
  proc render --site --pdf --out site
  proc render processes/oro-for-anknytning.yaml --out site --lang fi"
)]
pub struct RenderArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    /// The folder to write the pages to (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// The language of the page's fixed labels (default: each process's own language).
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LanguageArg>,

    #[command(flatten)]
    today: Today,

    #[command(flatten)]
    within: Within,

    /// Also write index.html: every process by owner with its review status, and the process map.
    #[arg(long)]
    site: bool,

    /// What to write for each process: ID.html, ID.pdf (A4, for print) or both.
    #[arg(long, value_enum, default_value_t = RenderFormat::Html)]
    format: RenderFormat,

    /// Write ID.pdf too (the same as `--format both`).
    #[arg(long, conflicts_with = "format")]
    pdf: bool,

    /// Leave the earlier versions of each file in git out of the version history on the page, which then shows the
    /// file's own records only (approval, update, reviews, retirement).
    #[arg(long)]
    no_git: bool,

    /// No progress bar, and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum RenderFormat {
    Html,
    Pdf,
    Both,
}

pub fn run(args: RenderArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to render: `proc render path/to/processes --out site`";
    let paths = context.paths(&args.paths, usage)?;
    let config = &context.config;
    let today = args.today.date();
    let format = if args.pdf {
        RenderFormat::Both
    } else {
        args.format
    };
    let formats = Formats {
        html: format != RenderFormat::Pdf,
        pdf: format != RenderFormat::Html,
    };
    if formats.pdf && !cfg!(feature = "pdf") {
        return Err(Error::Message(crate::render::output::NO_PDF.to_owned()));
    }
    let request = RenderRequest {
        out: args.out,
        formats,
        site: args.site,
        today,
        within_days: args.within.within,
        language: args.lang.map(Into::into),
        default_language: config.language,
        pdf_date: crate::render::output::PdfDate::from_env(),
        git_history: !args.no_git,
    };
    let loaded = crate::processes::load(
        &paths,
        &LintOptions {
            config: config.clone(),
            today,
        },
    );
    let progress = super::progress::bar(loaded.processes.len(), args.quiet);
    let report =
        crate::render::output::render_all(&loaded.processes, &request, &|| progress.inc(1))?;
    progress.finish_and_clear();
    for error in &report.errors {
        eprintln!("error: {error}");
    }
    let unreadable = super::report_unreadable(&loaded.errors);
    let skipped = super::report_skipped(&loaded.skipped, "it was not rendered");
    if !args.quiet {
        let rendered = loaded.processes.len();
        let total = rendered + loaded.skipped.len();
        eprintln!("{}", report.summary(&request, rendered, total));
    }
    let failed = if report.errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    };
    Ok(failed.max(unreadable).max(skipped))
}
