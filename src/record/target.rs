//! Which file `proc review` edits, from the id or path the coordinator gave.

use std::path::PathBuf;

use crate::config::Config;

/// The file `proc review` edits, and the paths checked with it. A .yaml or .yml file that exists is used as given,
/// so that a coordinator can name the file they have open, or let the shell complete its path; anything else is an
/// id, looked up in the processes folder as before. A file in the processes folder is checked with the whole folder,
/// as when it is named by id, so that problems across files (a duplicate id) count too; a file elsewhere is checked
/// as `proc lint FILE` checks it.
pub(super) fn find(argument: &str, config: &Config) -> Result<(PathBuf, Vec<PathBuf>), String> {
    let folder = config.default_paths();
    let folder_files = || {
        if config.processes.is_dir() {
            crate::walk::discover(&folder).0
        } else {
            Vec::new()
        }
    };
    let given = std::path::Path::new(argument);
    let looks_like_a_path = argument.contains(['/', std::path::MAIN_SEPARATOR])
        || given.is_absolute()
        || crate::walk::is_process_file(given);
    if given.is_file() && looks_like_a_path {
        if !crate::walk::is_process_file(given) {
            return Err(format!(
                "{argument} is not a process file: process files are YAML files ending in .yaml or .yml"
            ));
        }
        let canonical = given.canonicalize().ok();
        let in_folder = folder_files()
            .into_iter()
            .find(|file| canonical.is_some() && file.canonicalize().ok() == canonical);
        return Ok(match in_folder {
            Some(file) => (file, folder),
            None => (given.to_path_buf(), vec![given.to_path_buf()]),
        });
    }
    if given.is_dir() {
        return Err(format!(
            "{argument} is a folder: name one process file in it (`proc review {}/ID.yaml --by NAME`), or the \
             process's id",
            argument.trim_end_matches(['/', std::path::MAIN_SEPARATOR])
        ));
    }
    if looks_like_a_path {
        let stem = given
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hint = folder_files()
            .into_iter()
            .find(|file| file.file_stem().is_some_and(|name| name.to_string_lossy() == stem))
            .map(|file| {
                format!(
                    "\nhelp: the process `{stem}` is {}: write `proc review {stem} --by NAME`, or its path",
                    file.display()
                )
            })
            .unwrap_or_else(|| {
                "\nhelp: check the path, or name the process by its id (`proc list` shows the ids)".to_owned()
            });
        return Err(format!("there is no file {argument}{hint}"));
    }
    if let Some(message) = config.missing_processes_folder(
        "or name the process's file: `proc review path/to/process.yaml --by NAME`",
    ) {
        return Err(message);
    }
    if crate::model::ProcessId::new(argument).is_none() {
        return Err(format!(
            "`{argument}` is not a process id: ids are written with lowercase letters a–z, digits and hyphens, like \
             `{}` (the file name without .yaml); to name a file, give its path",
            crate::model::slug(argument)
        ));
    }
    let files = folder_files();
    if let Some(file) = files.iter().find(|path| {
        path.file_stem()
            .is_some_and(|stem| stem.to_string_lossy() == argument)
    }) {
        return Ok((file.clone(), folder));
    }
    let ids: Vec<String> = files
        .iter()
        .filter_map(|path| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let hint = crate::rules::did_you_mean(argument, ids.iter().map(String::as_str))
        .map(|close| format!(" (did you mean `{close}`?)"))
        .unwrap_or_default();
    Err(format!(
        "there is no process with the id `{argument}` in {}{hint}",
        crate::walk::display_paths(&folder)
    ))
}
