//! `proc lsp`: a Language Server Protocol server over stdio, on the same library as the command line.
//!
//! Built on `lsp-server`, rust-analyzer's synchronous crate (also ruff's), with the message types of `lsp-types`:
//! `proc` has no async runtime, and a server that checks one small file per keystroke needs none. Every answer
//! comes from the library the commands use: the diagnostics are [`Repository::lint`]'s findings (`proc lint`'s
//! pipeline, checks across files included), the quick fixes are the fixes of `proc lint --fix`, checked the same
//! way before they are offered, and formatting is `proc fmt`.
//!
//! One thread reads the editor's messages in order. Changes that arrive together are taken together, and the
//! open files are checked once after them, so fast typing does not queue up checks.

mod actions;
mod complete;
mod diagnostics;
mod navigate;
pub mod position;
mod uri;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, Formatting, GotoDefinition, HoverRequest, Request as _,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    InitializeParams, OneOf, PublishDiagnosticsParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri,
};

use crate::config::Config;
use crate::finding::Finding;
use crate::lint::{LintOptions, Repository};
use crate::source::SourceFile;
use position::Encoding;

/// What the command line gives the server.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// `--config`: this configuration for every file, instead of the `proc.toml` above each.
    pub config: Option<PathBuf>,
    /// `--today`: the date that counts as today; the system's date, read at every check, when not given.
    pub today: Option<jiff::civil::Date>,
}

/// Why the server stopped other than by the editor's `shutdown` and `exit`.
#[derive(Debug)]
pub struct LspError(pub String);

impl std::fmt::Display for LspError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LspError {}

impl From<lsp_server::ProtocolError> for LspError {
    fn from(error: lsp_server::ProtocolError) -> Self {
        LspError(error.to_string())
    }
}

/// Serves one editor over `connection` until it says `exit`.
pub fn serve(connection: &Connection, settings: Settings) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)
        .map_err(|error| LspError(format!("the editor's `initialize` is not valid: {error}")))?;
    let encoding = Encoding::choose(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|general| general.position_encodings.as_deref()),
    );
    let result = serde_json::json!({
        "capabilities": capabilities(encoding),
        "serverInfo": ServerInfo {
            name: "proc".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        },
    });
    connection.initialize_finish(id, result)?;
    watch_files(connection, &params);
    let mut server = Server::new(settings, workspace_root(&params), encoding);
    server.run(connection)
}

/// Asks the editor to say when process files or `proc.toml` change on disk (a file added, deleted or renamed, a
/// `git pull`), so that the findings across files follow without an edit; editors that cannot are not asked.
fn watch_files(connection: &Connection, params: &InitializeParams) {
    let can = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|workspace| workspace.did_change_watched_files.as_ref())
        .and_then(|watched| watched.dynamic_registration)
        .unwrap_or(false);
    if !can {
        return;
    }
    let watchers = ["**/*.yaml", "**/*.yml", "**/proc.toml"]
        .into_iter()
        .map(|pattern| lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(pattern.into()),
            kind: None,
        })
        .collect();
    let registration = lsp_types::Registration {
        id: "proc-watched-files".into(),
        method: lsp_types::notification::DidChangeWatchedFiles::METHOD.into(),
        register_options: serde_json::to_value(
            lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers },
        )
        .ok(),
    };
    let request = Request::new(
        lsp_server::RequestId::from("proc-watched-files".to_owned()),
        lsp_types::request::RegisterCapability::METHOD.into(),
        lsp_types::RegistrationParams {
            registrations: vec![registration],
        },
    );
    // The answer (a `Response`) is passed over like any other.
    let _ = connection.sender.send(Message::Request(request));
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            lsp_types::TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                // A save is when other files may have changed on disk too (a `git checkout` in the terminal).
                save: Some(lsp_types::TextDocumentSyncSaveOptions::Supported(true)),
                ..lsp_types::TextDocumentSyncOptions::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..CodeActionOptions::default()
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), " ".into(), "-".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// The folder the editor opened: where the processes folder is looked for when no `proc.toml` names it.
#[allow(deprecated)] // `root_uri`: older editors send only that.
fn workspace_root(params: &InitializeParams) -> Option<PathBuf> {
    params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|folder| &folder.uri)
        .or(params.root_uri.as_ref())
        .and_then(uri::to_path)
}

/// A file open in the editor.
pub(crate) struct Document {
    pub uri: Uri,
    pub path: PathBuf,
    pub version: i32,
    pub text: String,
}

/// A repository's checks, kept between changes, and the `proc.toml` text they were made with.
struct Checks {
    config_text: Option<String>,
    repository: Repository,
}

/// The open files, the repositories they belong to, and the latest findings of each open file.
pub(crate) struct Server {
    settings: Settings,
    root: Option<PathBuf>,
    encoding: Encoding,
    documents: BTreeMap<PathBuf, Document>,
    /// By the `proc.toml` that configures them (`None`: no `proc.toml`, the defaults).
    repositories: HashMap<Option<PathBuf>, Checks>,
    /// The findings of each open process file at its current text, as last published (other files have none).
    findings: HashMap<PathBuf, Vec<Finding>>,
    /// Whether an open file changed since the last check.
    stale: bool,
    /// The editor asked the server to shut down: it answers nothing more and waits for `exit`.
    shut_down: bool,
    /// Files closed since the last check, whose diagnostics the editor should forget.
    closed: Vec<Uri>,
    explanations: Option<diagnostics::Explanations>,
    /// The last `proc.toml` error shown, so that it is shown once, not at every keystroke.
    config_error: Option<String>,
}

impl Server {
    fn new(settings: Settings, root: Option<PathBuf>, encoding: Encoding) -> Server {
        Server {
            settings,
            root,
            encoding,
            documents: BTreeMap::new(),
            repositories: HashMap::new(),
            findings: HashMap::new(),
            stale: false,
            shut_down: false,
            closed: Vec::new(),
            explanations: diagnostics::Explanations::write(),
            config_error: None,
        }
    }

    fn run(&mut self, connection: &Connection) -> Result<(), LspError> {
        while let Ok(message) = connection.receiver.recv() {
            if self.handle(connection, message)? {
                return Ok(());
            }
            // Whatever else has arrived meanwhile is taken before the files are checked again.
            while let Ok(message) = connection.receiver.try_recv() {
                if self.handle(connection, message)? {
                    return Ok(());
                }
            }
            self.publish(connection);
        }
        Err(LspError(
            "the editor closed the connection without asking the server to shut down".into(),
        ))
    }

    /// Handles one message; `true` when the editor said `exit` after `shutdown`.
    fn handle(&mut self, connection: &Connection, message: Message) -> Result<bool, LspError> {
        match message {
            Message::Request(request) => {
                let response = if self.shut_down {
                    Response::new_err(
                        request.id,
                        ErrorCode::InvalidRequest as i32,
                        "proc lsp is shut down: only `exit` is expected".into(),
                    )
                } else if request.method == lsp_types::request::Shutdown::METHOD {
                    self.shut_down = true;
                    Response::new_ok(request.id, ())
                } else {
                    self.respond(connection, request)
                };
                connection
                    .sender
                    .send(Message::Response(response))
                    .map_err(|_| LspError("the editor closed the connection".into()))?;
            }
            Message::Notification(notification) => {
                // `exit` before `shutdown` is early: the protocol says the server then stops with an error status.
                if notification.method == lsp_types::notification::Exit::METHOD {
                    return if self.shut_down {
                        Ok(true)
                    } else {
                        Err(LspError(
                            "the editor said `exit` without `shutdown` first".into(),
                        ))
                    };
                }
                // After `shutdown`, what the editor still says (a file closed) is passed over.
                if !self.shut_down {
                    self.notice(notification);
                }
            }
            Message::Response(_) => {}
        }
        Ok(false)
    }

    fn notice(&mut self, notification: Notification) {
        match notification.method.as_str() {
            DidOpenTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                {
                    let document = params.text_document;
                    self.open(document.uri, document.version, document.text);
                }
            }
            DidChangeTextDocument::METHOD => {
                if let Ok(params) = notification.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) {
                    // The server asked for whole texts: the last change is the text now.
                    if let Some(change) = params.content_changes.into_iter().last() {
                        let document = params.text_document;
                        self.open(document.uri, document.version, change.text);
                    }
                }
            }
            DidCloseTextDocument::METHOD => {
                if let Ok(params) = notification
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                    && let Some(path) = uri::to_path(&params.text_document.uri)
                {
                    self.documents.remove(&path);
                    self.findings.remove(&path);
                    self.closed.push(params.text_document.uri);
                    self.stale = true;
                }
            }
            // Saving changes nothing the server has not seen, but other files on disk may have changed with it.
            DidSaveTextDocument::METHOD | DidChangeWatchedFiles::METHOD => self.stale = true,
            _ => {}
        }
    }

    fn open(&mut self, uri: Uri, version: i32, text: String) {
        let Some(path) = uri::to_path(&uri) else {
            return;
        };
        self.documents.insert(
            path.clone(),
            Document {
                uri,
                path,
                version,
                text,
            },
        );
        self.stale = true;
    }
}

impl Server {
    /// The `proc.toml` that configures `path`: `--config`, or the nearest one in its folder or above.
    fn config_file_for(&self, path: &Path) -> Option<PathBuf> {
        if let Some(config) = &self.settings.config {
            return Some(config.clone());
        }
        path.parent()?
            .ancestors()
            .map(|folder| folder.join(crate::config::CONFIG_FILE))
            .find(|candidate| candidate.is_file())
    }

    /// The checks of the repository configured by `config_file`, made again when the file's text changed. A
    /// `proc.toml` that cannot be read is shown to the user once, and the defaults are used meanwhile.
    fn checks(&mut self, config_file: &Option<PathBuf>, today: jiff::civil::Date) -> &mut Checks {
        let text = config_file
            .as_ref()
            .and_then(|path| std::fs::read_to_string(path).ok());
        let checks = match self.repositories.entry(config_file.clone()) {
            Entry::Occupied(entry) if entry.get().config_text == text => entry.into_mut(),
            entry => {
                let (mut config, error) = match config_file {
                    Some(path) => match Config::read(path) {
                        Ok(config) => (config, None),
                        Err(error) => (Config::default(), Some(error.to_string())),
                    },
                    None => (Config::default(), None),
                };
                self.config_error = error.or(self.config_error.take());
                // Relative to the `proc.toml`, or without one to the folder the editor opened, as `proc lint`
                // run there reads it.
                let base = match config_file.as_ref().and_then(|path| path.parent()) {
                    Some(folder) => folder.to_path_buf(),
                    None => self
                        .root
                        .clone()
                        .or_else(|| std::env::current_dir().ok())
                        .unwrap_or_default(),
                };
                let processes = base.join(&config.processes);
                let processes = uri::clean(&std::path::absolute(&processes).unwrap_or(processes));
                // Where interface targets are looked up too: the same folder, whatever the server's own folder.
                config.processes = processes.clone();
                let checks = Checks {
                    config_text: text,
                    repository: Repository::new(vec![processes], LintOptions { config, today }),
                };
                match entry {
                    Entry::Occupied(mut entry) => {
                        entry.insert(checks);
                        entry.into_mut()
                    }
                    Entry::Vacant(entry) => entry.insert(checks),
                }
            }
        };
        checks.repository.set_today(today);
        checks
    }

    /// Checks the open files again if one changed, keeping each one's findings.
    fn check(&mut self) {
        if !self.stale {
            return;
        }
        self.stale = false;
        let today = self
            .settings
            .today
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
        let mut groups: BTreeMap<Option<PathBuf>, BTreeMap<PathBuf, String>> = BTreeMap::new();
        for document in self.documents.values() {
            let config_file = self.config_file_for(&document.path);
            groups
                .entry(config_file)
                .or_default()
                .insert(document.path.clone(), document.text.clone());
        }
        self.findings.clear();
        // A repository none of whose files is open any more is let go, with all it keeps of its files.
        self.repositories
            .retain(|config_file, _| groups.contains_key(config_file));
        for (config_file, open) in groups {
            let checks = self.checks(&config_file, today);
            // A YAML file that is neither in the processes folder nor says it is a process (the editor hint every
            // process file starts with) is another kind of file: a CI workflow, a translation. It gets no findings.
            let open: BTreeMap<PathBuf, String> = open
                .into_iter()
                .filter(|(path, text)| {
                    checks.repository.contains(path) || names_the_process_schema(text)
                })
                .collect();
            for file in checks.repository.lint(&open) {
                self.findings
                    .insert(file.source.path().to_path_buf(), file.findings);
            }
        }
    }

    /// Sends the diagnostics of every open file (and none for the files just closed).
    fn publish(&mut self, connection: &Connection) {
        if !self.stale {
            return;
        }
        self.check();
        if let Some(error) = self.config_error.take() {
            let params = lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: format!("proc: {error} (the default settings are used until it is fixed)"),
            };
            send_notification::<lsp_types::notification::ShowMessage>(connection, params);
        }
        for uri in std::mem::take(&mut self.closed) {
            let params = PublishDiagnosticsParams::new(uri, Vec::new(), None);
            send_notification::<PublishDiagnostics>(connection, params);
        }
        for document in self.documents.values() {
            let diagnostics = self
                .findings
                .get(&document.path)
                .map(|findings| {
                    findings
                        .iter()
                        .map(|finding| {
                            diagnostics::diagnostic(
                                finding,
                                self.encoding,
                                self.explanations.as_ref(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let params = PublishDiagnosticsParams::new(
                document.uri.clone(),
                diagnostics,
                Some(document.version),
            );
            send_notification::<PublishDiagnostics>(connection, params);
        }
    }

    fn respond(&mut self, connection: &Connection, request: Request) -> Response {
        // Answers are about the text as it is now: changes that came before the request are checked first.
        if self.stale {
            self.publish(connection);
        }
        let id = request.id.clone();
        let answer = match request.method.as_str() {
            CodeActionRequest::METHOD => self.answer(request, actions::code_actions),
            Completion::METHOD => self.answer(request, complete::completion),
            HoverRequest::METHOD => self.answer(request, navigate::hover),
            GotoDefinition::METHOD => self.answer(request, navigate::definition),
            Formatting::METHOD => self.answer(request, format_document),
            method => Err((
                ErrorCode::MethodNotFound,
                format!("proc lsp does not answer `{method}`"),
            )),
        };
        match answer {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        }
    }

    fn answer<P: serde::de::DeserializeOwned, R: serde::Serialize>(
        &self,
        request: Request,
        work: fn(&Server, P) -> R,
    ) -> Result<serde_json::Value, (ErrorCode, String)> {
        let params: P = serde_json::from_value(request.params)
            .map_err(|error| (ErrorCode::InvalidParams, error.to_string()))?;
        let answer = crate::internal::contain(|| work(self, params)).map_err(|message| {
            (
                ErrorCode::InternalError,
                crate::internal::bug_report(&message),
            )
        })?;
        serde_json::to_value(answer).map_err(|error| (ErrorCode::InternalError, error.to_string()))
    }

    /// The open process file a request is about, with its text as a source file for positions. Other YAML
    /// files (a CI workflow open in the same editor) get no answers, so that formatting on save never rewrites
    /// them in a process file's layout.
    pub(crate) fn document(&self, uri: &Uri) -> Option<(&Document, SourceFile)> {
        let path = uri::to_path(uri)?;
        if !self.findings.contains_key(&path) {
            return None;
        }
        let document = self.documents.get(&path)?;
        let source = SourceFile::new(document.path.clone(), document.text.clone());
        Some((document, source))
    }

    /// The findings of an open file at its current text.
    pub(crate) fn findings_of(&self, path: &Path) -> &[Finding] {
        self.findings.get(path).map_or(&[], Vec::as_slice)
    }

    /// The repository an open file belongs to, as last checked.
    pub(crate) fn repository_of(&self, path: &Path) -> Option<&Repository> {
        let config_file = self.config_file_for(path);
        self.repositories
            .get(&config_file)
            .map(|checks| &checks.repository)
    }

    pub(crate) fn encoding(&self) -> Encoding {
        self.encoding
    }
}

/// Whether a file says it is a process: a `# yaml-language-server: $schema=…process.schema.json` comment, as
/// `proc new` writes (a CI workflow that merely runs a check with that schema does not count).
fn names_the_process_schema(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        line.starts_with('#') && line.contains("$schema") && line.contains("process.schema.json")
    })
}

/// `proc fmt` on the open text: one edit replacing the whole text, or none when it is formatted already or
/// cannot be (a file that is not valid YAML: its diagnostics say why).
fn format_document(
    server: &Server,
    params: lsp_types::DocumentFormattingParams,
) -> Option<Vec<TextEdit>> {
    let (document, _) = server.document(&params.text_document.uri)?;
    let loaded = crate::load::load_text(document.path.clone(), document.text.clone());
    let root = loaded.root.as_ref()?;
    let formatted = crate::format::format(&loaded.source, root, &loaded.notation).ok()?;
    (formatted != document.text)
        .then(|| vec![whole_text_edit(server.encoding, &loaded.source, formatted)])
}

/// An edit replacing all of `file`'s text.
pub(crate) fn whole_text_edit(encoding: Encoding, file: &SourceFile, text: String) -> TextEdit {
    let end = encoding.position(file, file.text.len());
    TextEdit::new(
        lsp_types::Range::new(lsp_types::Position::new(0, 0), end),
        text,
    )
}

fn send_notification<N: lsp_types::notification::Notification>(
    connection: &Connection,
    params: N::Params,
) {
    // A closed connection ends the loop at the next read.
    let _ = connection
        .sender
        .send(Message::Notification(Notification::new(
            N::METHOD.to_owned(),
            params,
        )));
}
