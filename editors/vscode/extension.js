// Starts `proc lsp` for YAML files. The server itself decides which files are processes (those in the processes
// folder, or naming process.schema.json) and leaves every other YAML file alone.
const { workspace, window } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

async function activate(context) {
  const settings = workspace.getConfiguration("proc");
  const args = ["lsp"];
  const today = settings.get("today");
  if (today) {
    args.push("--today", today);
  }
  const server = { command: settings.get("path") || "proc", args };
  client = new LanguageClient(
    "proc",
    "proc",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "yaml" }] },
  );
  try {
    await client.start();
  } catch (error) {
    window.showErrorMessage(
      `proc lsp did not start (${error.message}). Install proc (cargo install --path . in its repository) ` +
        "or set `proc.path` to where it is.",
    );
  }
  context.subscriptions.push(client);
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
