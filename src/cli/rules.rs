//! `proc rules`.

use super::{Error, ExitStatus};

/// List the rules, or explain one: `proc rules unknown-key`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  proc rules
  proc rules placeholder-link
  proc rules P204")]
pub struct RulesArgs {
    /// A rule name or code.
    rule: Option<String>,
}

pub fn run(args: RulesArgs) -> Result<ExitStatus, Error> {
    let Some(name) = args.rule else {
        super::print(&crate::rules::listing())?;
        return Ok(ExitStatus::Success);
    };
    let Some(rule) = crate::rules::find_rule(&name) else {
        let names = crate::rules::all_rules().into_iter().map(|rule| rule.name);
        let hint = crate::rules::did_you_mean(&name, names)
            .map(|close| format!(" (did you mean `{close}`?)"))
            .unwrap_or_default();
        return Err(Error::Message(format!(
            "there is no rule called `{name}`{hint}; `proc rules` lists them"
        )));
    };
    super::print(&crate::rules::explain(rule))?;
    Ok(ExitStatus::Success)
}
