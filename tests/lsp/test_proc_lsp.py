"""`proc lsp` driven by a real client: pytest-lsp (pygls), over stdio, as an editor drives it.

    PROC=target/debug/proc python -m pytest tests/lsp

`tests/lsp/run.sh` installs pytest-lsp into a temporary folder and runs this; `.ci/run` runs that script.
Each test works on a copy of the example repository (`proc.toml` and `processes/`) in a temporary folder.
"""

import asyncio
import json
import os
import pathlib
import shutil
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = pathlib.Path(__file__).resolve().parents[2]
PROC = os.environ.get("PROC", str(REPO / "target" / "debug" / "proc"))
TODAY = "2026-06-01"
NAME = "oro-for-anknytning"


@pytest.fixture(scope="module")
def repository(tmp_path_factory):
    folder = tmp_path_factory.mktemp("repository")
    shutil.copy(REPO / "proc.toml", folder / "proc.toml")
    # The owners' addresses, as proc.toml shows them commented out.
    with open(folder / "proc.toml", "a", encoding="utf-8") as toml:
        toml.write('\n[owners]\n"Elina Sandkulla" = "elina.sandkulla@example.org"\n'
                   '"Social- och hälsovårdsdirektören" = ["direktor@example.org", "kansli@example.org"]\n'
                   '"Familjecentralen i Grästorp (socialtjänsten och Capio BHV)" = "familjecentralen@example.org"\n')
    shutil.copytree(REPO / "processes", folder / "processes")
    return folder


def make_client():
    """pytest-lsp's client, keeping also the version each file's diagnostics were published for."""
    client = LanguageClient(converter_factory=default_converter)
    client.published_version = {}

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
        client.diagnostics[params.uri] = params.diagnostics
        client.published_version[params.uri] = params.version

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)
    return client


@pytest_lsp.fixture(
    config=ClientServerConfig(
        server_command=[PROC, "lsp", "--today", TODAY], client_factory=make_client
    ),
)
async def client(lsp_client: LanguageClient, repository):
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                text_document=types.TextDocumentClientCapabilities(
                    publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                        version_support=True, related_information=True
                    ),
                    code_action=types.CodeActionClientCapabilities(
                        code_action_literal_support=types.ClientCodeActionLiteralOptions(
                            code_action_kind=types.ClientCodeActionKindOptions(
                                value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.SourceFixAll]
                            )
                        )
                    ),
                    hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
                    completion=types.CompletionClientCapabilities(),
                )
            ),
            workspace_folders=[types.WorkspaceFolder(uri=repository.as_uri(), name="processes")],
        )
    )
    yield
    await lsp_client.shutdown_session()


class Editor:
    """One open file, changed as an editor changes it: whole texts, versions counting up."""

    def __init__(self, client, path, text):
        self.client, self.path, self.text, self.version = client, path, text, 1
        self.uri = path.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=self.uri, language_id="yaml", version=1, text=text)
            )
        )

    async def diagnostics(self):
        """The diagnostics of the current version, once the server has sent them."""
        await until(lambda: self.client.published_version.get(self.uri) == self.version)
        return list(self.client.diagnostics[self.uri])

    def change(self, text):
        self.text = text
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def apply(self, edits):
        """The text with the edits made (positions in UTF-16 units, as the client asked)."""
        text = self.text
        for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
            start, end = offset(text, edit.range.start), offset(text, edit.range.end)
            text = text[:start] + edit.new_text + text[end:]
        self.change(text)

    async def complete(self, needle, after):
        """The labels of the completions offered `after` characters into the first `needle`."""
        items = await self.client.text_document_completion_async(
            types.CompletionParams(
                text_document=types.TextDocumentIdentifier(uri=self.uri), position=self.position(needle, after)
            )
        )
        return [item.label for item in items]

    def position(self, needle, after=0):
        at = self.text.index(needle) + after
        line = self.text.count("\n", 0, at)
        column = at - (self.text.rfind("\n", 0, at) + 1)
        return types.Position(line=line, character=len(self.text[at - column : at].encode("utf-16-le")) // 2)


async def until(condition, seconds=30):
    """Waits for what the server has sent to meet `condition`. Polled, because pygls may record a notification
    (run its handler) after it has woken those waiting for one."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "the server did not send it in time"
        await asyncio.sleep(0.005)


def offset(text, position):
    lines = text.splitlines(keepends=True)
    start = sum(len(line) for line in lines[: position.line])
    line = lines[position.line] if position.line < len(lines) else ""
    units, at = 0, 0
    while at < len(line) and units < position.character and line[at] not in "\r\n":
        units += len(line[at].encode("utf-16-le")) // 2
        at += 1
    return start + at


def lint_json(repository, path, text):
    """What `proc lint --format json` reports for `path` once `text` is saved (in a copy of the repository)."""
    copy = repository.parent / (repository.name + "-lint")
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(repository, copy)
    (copy / path.relative_to(repository)).write_text(text, encoding="utf-8", newline="")
    run = subprocess.run(
        [PROC, "lint", "--format", "json", "--today", TODAY], cwd=copy, capture_output=True, text=True
    )
    assert run.returncode in (0, 1), run.stderr
    name = str(path.relative_to(repository))
    return [f for f in json.loads(run.stdout)["findings"] if f["file"] == name]


def as_lint(diagnostic):
    severity = {types.DiagnosticSeverity.Error: "error", types.DiagnosticSeverity.Warning: "warning"}
    return (
        diagnostic.range.start.line + 1,
        diagnostic.range.start.character + 1,
        diagnostic.range.end.line + 1,
        diagnostic.range.end.character + 1,
        diagnostic.code,
        severity[diagnostic.severity],
        diagnostic.message,
    )


def from_lint(finding):
    message = finding["message"] + (f"\nhelp: {finding['help']}" if "help" in finding else "")
    return (
        finding["line"],
        finding["column"],
        finding["end_line"],
        finding["end_column"],
        finding["code"],
        finding["severity"],
        message,
    )


def broken(text):
    """The example with three mistakes a coordinator makes: a legacy date, a ` #` in a sentence (YAML drops the
    rest), and an interface to a process that does not exist (a check across files)."""
    text = text.replace("  date: 2018-05-08", "  date: 8.5.2018", 1)
    text = text.replace(
        "prerequisites: Kunnande, tillräckliga personalresurser, fortbildning",
        "prerequisites: Kunnande, tillräckliga personalresurser #1, fortbildning",
        1,
    )
    text = text.replace("interfaces:\n", "interfaces:\n  - process: hembesok-for-aldre\n", 1)
    return text


async def test_diagnostics_follow_the_edits_and_the_quick_fixes_make_the_file_clean(client, repository):
    path = repository / "processes" / f"{NAME}.yaml"
    editor = Editor(client, path, path.read_text(encoding="utf-8"))
    assert await editor.diagnostics() == []

    editor.change(broken(editor.text))
    diagnostics = await editor.diagnostics()
    codes = sorted(d.code for d in diagnostics)
    assert codes == ["P302", "P403", "P509"], codes
    # The same findings, at the same places, with the same words as `proc lint --format json`.
    assert sorted(map(as_lint, diagnostics)) == sorted(map(from_lint, lint_json(repository, path, editor.text)))
    # The rule code links to the rule's explanation.
    explanation = next(d for d in diagnostics if d.code == "P302").code_description.href
    assert "legacy-date" in pathlib.Path(explanation.removeprefix("file://")).read_text(encoding="utf-8")

    # Quick fixes: the safe fix of each of the first two, as `proc lint --fix` makes them.
    for code in ["P302", "P509"]:
        diagnostic = next(d for d in diagnostics if d.code == code)
        actions = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=editor.uri),
                range=diagnostic.range,
                context=types.CodeActionContext(diagnostics=[diagnostic]),
            )
        )
        fix = next(a for a in actions if a.is_preferred)
        editor.apply(fix.edit.changes[editor.uri])
        diagnostics = await editor.diagnostics()
        assert code not in [d.code for d in diagnostics], (code, fix.title)
    assert "  date: 2018-05-08\n" in editor.text
    assert '"Kunnande, tillräckliga personalresurser #1, fortbildning"' in editor.text

    # The interface has no fix: the finding is accepted with a comment, and the file is clean.
    (diagnostic,) = diagnostics
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    accept = next(a for a in actions if "allow(unknown-interface)" in a.title)
    editor.apply(accept.edit.changes[editor.uri])
    assert await editor.diagnostics() == []
    assert "  # proc: allow(unknown-interface)" in editor.text
    assert lint_json(repository, path, editor.text) == []


async def test_a_change_in_one_open_file_shows_in_another(client, repository):
    first = repository / "processes" / f"{NAME}.yaml"
    second = repository / "processes" / "utokade-hembesok-i-grastorp.yaml"
    a = Editor(client, first, first.read_text(encoding="utf-8"))
    await a.diagnostics()
    b = Editor(client, second, second.read_text(encoding="utf-8"))
    assert sorted(d.code for d in await b.diagnostics()) == ["P506", "P512"]
    # The second file takes the first one's id: both are told, before either is saved.
    b.change(b.text.replace("id: utokade-hembesok-i-grastorp", f"id: {NAME}", 1))
    codes = sorted(d.code for d in await b.diagnostics())
    assert "P402" in codes, codes
    # The first file is published in the same round, before or after the second one.
    await until(lambda: "P402" in [d.code for d in client.diagnostics.get(a.uri, [])])


async def test_completion_hover_definition_and_formatting(client, repository):
    path = repository / "processes" / f"{NAME}.yaml"
    editor = Editor(client, path, path.read_text(encoding="utf-8"))
    await editor.diagnostics()
    editor.change(editor.text.replace("interfaces:\n", "interfaces:\n  - process: utok\n", 1))
    await editor.diagnostics()

    labels = await editor.complete("process: utok", len("process: utok"))
    assert "utokade-hembesok-i-grastorp" in labels and NAME not in labels, labels

    months = await editor.complete("month: april", len("month: "))
    assert months[:4] == ["januari", "februari", "mars", "april"]

    # A role as another process spells it, so that one role is written one way everywhere.
    editor.change(
        editor.text.replace(
            "      - Yrkespersonal inom mödra- och barnrådgivning\n",
            "      - Yrkespersonal inom mödra- och barnrådgivning\n      - Mångprof\n",
            1,
        )
    )
    await editor.diagnostics()
    roles = await editor.complete("- Mångprof", len("- Mångprof"))
    assert "Mångprofessionella aktörer, klienter och anhöriga" in roles, roles
    assert "Yrkespersonal inom mödra- och barnrådgivningen" in roles, roles

    # An owner as proc.toml's [owners] writes it, with the address beside it.
    editor.change(editor.text.replace("owner: Elina Sandkulla", "owner: Familj", 1))
    await editor.diagnostics()
    items = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            position=editor.position("owner: Familj", len("owner: Familj")),
        )
    )
    details = {item.label: item.detail for item in items}
    assert details.get("Social- och hälsovårdsdirektören") == "direktor@example.org, kansli@example.org", details
    editor.change(editor.text.replace("owner: Familj", "owner: Elina Sandkulla", 1))
    await editor.diagnostics()

    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri), position=editor.position("owner:")
        )
    )
    assert "owner" in hover.contents.value and len(hover.contents.value) > 20, hover.contents.value
    due = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            position=editor.position("2021-05-14", 2),
        )
    )
    assert "2022-04-30" in due.contents.value, due.contents.value

    editor.change(editor.text.replace("process: utok\n", "process: utokade-hembesok-i-grastorp\n", 1))
    await editor.diagnostics()
    definition = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            position=editor.position("process: utokade", len("process: ") + 3),
        )
    )
    assert definition.uri == (repository / "processes" / "utokade-hembesok-i-grastorp.yaml").as_uri()

    editor.change(editor.text.replace("name: ", "name:    ", 1))
    await editor.diagnostics()
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    editor.apply(edits)
    assert "\nname: " in editor.text and "name:    " not in editor.text


async def test_a_file_saved_by_windows_notepad_is_fixed_in_place(client, repository):
    """A byte order mark and CRLF line ends (Notepad, Word's "plain text"): the positions still fall on the date,
    and the fix changes the date and nothing else."""
    path = repository / "processes" / f"{NAME}.yaml"
    text = "\ufeff" + path.read_text(encoding="utf-8").replace("\n", "\r\n")
    editor = Editor(client, path, text.replace("  date: 2018-05-08", "  date: 8.5.2018", 1))
    (diagnostic,) = await editor.diagnostics()
    assert diagnostic.code == "P302"
    line = editor.text.split("\r\n")[diagnostic.range.start.line]
    assert line[diagnostic.range.start.character : diagnostic.range.end.character] == "8.5.2018", line
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=editor.uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    editor.apply(next(a for a in actions if a.is_preferred).edit.changes[editor.uri])
    assert await editor.diagnostics() == []
    assert editor.text == text
