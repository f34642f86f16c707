//! The progress bar of long runs.

/// A progress bar on stderr for long runs on a terminal; hidden when stderr is not a terminal, for few files, or
/// with `--quiet`.
pub fn bar(total: usize, quiet: bool) -> indicatif::ProgressBar {
    const WORTH_A_BAR: usize = 50;
    if quiet || total < WORTH_A_BAR {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}
