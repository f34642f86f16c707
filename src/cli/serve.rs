//! `proc serve`.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::sync::Arc;

use super::args::{LanguageArg, ProcessPaths, Today, Within};
use super::{Context, Error, ExitStatus};
use crate::lint::LintOptions;
use crate::serve::Preview;

/// Show the rendered site in a browser while you edit: the page reloads when a process file is saved.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Open the address it prints: the page reloads when a process file is saved. Ctrl-C stops it.
Only this computer can reach it, unless --bind says otherwise.

Examples:
  proc serve
  proc serve processes --port 8080"
)]
pub struct ServeArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    /// The port to listen on (0: any free port, printed at the start).
    #[arg(long, default_value_t = 8000)]
    port: u16,

    /// The address to listen on. The default, 127.0.0.1, is this computer only; another address lets other
    /// computers on the network read the processes.
    #[arg(long, value_name = "ADDRESS", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,

    /// The language of the fixed labels (headings, badges). Default: each process's own.
    #[arg(long, value_enum)]
    lang: Option<LanguageArg>,

    #[command(flatten)]
    within: Within,

    #[command(flatten)]
    today: Today,
}

pub fn run(args: ServeArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to show: `proc serve path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let changes = Arc::new(crate::serve::watch::Changes::default());
    let preview = Preview::new(
        paths,
        LintOptions {
            config: context.config.clone(),
            today: args.today.date(),
        },
        args.within.within,
        args.lang.map(Into::into),
        Arc::clone(&changes),
    );
    let address = SocketAddr::new(args.bind, args.port);
    let listener = TcpListener::bind(address).map_err(|error| {
        Error::Message(format!(
            "cannot listen on {address}: {error}\nhelp: another program may use the port: try `--port 8001`, \
             or `--port 0` for any free one"
        ))
    })?;
    if !args.bind.is_loopback() {
        eprintln!(
            "warning: listening on {}: other computers on the network can read these processes",
            args.bind
        );
    }
    // Without a watcher (no inotify left, say) the pages still show every saved change when reloaded by hand.
    let _watcher = crate::serve::watch::watch(&preview.paths, Arc::clone(&changes))
        .map_err(|error| eprintln!("warning: pages will not reload by themselves: {error}"))
        .ok();
    let local = listener.local_addr()?;
    eprintln!("Serving the processes at http://{local}/ (Ctrl-C stops)");
    let hosts = if args.bind.is_loopback() {
        crate::serve::http::Hosts::ThisComputer
    } else {
        crate::serve::http::Hosts::Any
    };
    let respond = Arc::new(move |route: &crate::serve::Route| preview.respond(route));
    crate::serve::http::serve(listener, hosts, respond, changes)?;
    Ok(ExitStatus::Success)
}
