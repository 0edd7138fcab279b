import asyncio
import json
import pathlib
import subprocess
import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from conftest import ASSETLINT, ROOT

CLIENTS = ["visual-studio-code", "neovim@v0.10.0"]

MANIFEST = (
    "[\n"
    '  {"data": "https://bucket.s3.eu-central-1.amazonaws.com/caf\u00e9 \U0001F600+1.jpg", "externalId": "a"},\n'
    '  {"data": "https://bucket.s3.eu-central-1.amazonaws.com/2.jpg", "externalId": "a"}\n'
    "]\n"
)


def utf16_column(line: str, index: int) -> int:
    """The UTF-16 column of code point `index` of `line` (an emoji is two units)."""
    return len(line[:index].encode("utf-16-le")) // 2


def apply_edits(text: str, edits) -> str:
    """Applies LSP text edits (UTF-16 columns) as an editor does."""
    lines = text.split("\n")

    def offset(position):
        before = sum(len(line.encode("utf-16-le")) // 2 + 1 for line in lines[: position.line])
        return before + position.character

    units = text.encode("utf-16-le")
    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        start, end = offset(edit.range.start) * 2, offset(edit.range.end) * 2
        units = units[:start] + edit.new_text.encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le")


class Workspace:
    def __init__(self, root: pathlib.Path):
        self.root = root

    def uri(self, name: str) -> str:
        return (self.root / name).as_uri()

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def workspace(tmp_path):
    return Workspace(tmp_path)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[ASSETLINT, "server", "--stdio"]), params=CLIENTS)
async def client(request, lsp_client: LanguageClient, workspace):
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        lsp_client.registrations.extend(params.registrations)

    params = types.InitializeParams(
        capabilities=client_capabilities(request.param),
        root_uri=workspace.root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.root.as_uri(), name="w")],
    )
    result = await lsp_client.initialize_session(params)
    assert result.capabilities.position_encoding in (None, "utf-16")
    yield
    await lsp_client.shutdown_session()
    # A shutdown and an exit: status 0.
    assert lsp_client._server.returncode == 0


def pulls(client: LanguageClient) -> bool:
    return client.capabilities.text_document.diagnostic is not None


async def diagnostics(client: LanguageClient, uri: str, version: int | None = None):
    """The document's diagnostics: pulled when the client pulls, else the next push for it."""
    if pulls(client):
        report = await client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return list(report.items)
    for _ in range(200):
        published = client.diagnostics.get(uri)
        if published is not None and (version is None or client.protocol_versions.get(uri) == version):
            return list(published)
        await asyncio.sleep(0.05)
    raise AssertionError(f"no diagnostics published for {uri}")


async def fresh_diagnostics(client: LanguageClient, uri: str):
    """Waits for the next push (after a change), or pulls."""
    if pulls(client):
        return await diagnostics(client, uri)
    client.diagnostics.pop(uri, None)
    return await diagnostics(client, uri)


def open_document(client: LanguageClient, uri: str, text: str, version: int = 1) -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="json", version=version, text=text)
        )
    )


def codes(items) -> list:
    return [item.code for item in items]


@pytest.mark.asyncio
async def test_open_reports_exact_utf16_ranges_and_links(client: LanguageClient, workspace):
    uri = workspace.uri("assets.json")
    client.diagnostics.pop(uri, None)
    open_document(client, uri, MANIFEST)
    items = await diagnostics(client, uri)
    assert codes(items) == ["U203", "U204", "M110"]
    line = MANIFEST.split("\n")[1]
    accent = utf16_column(line, line.index("\u00e9"))
    plus = utf16_column(line, line.index("+"))
    assert plus - accent == 4  # é, a space, and an emoji of two UTF-16 units
    assert (items[0].range.start.line, items[0].range.start.character, items[0].range.end.character) == (1, accent, plus)
    assert (items[1].range.start.character, items[1].range.end.character) == (plus, plus + 1)
    assert items[0].severity == types.DiagnosticSeverity.Error
    assert items[0].source == "assetlint"
    assert items[0].code_description.href == "https://github.com/assetlint/assetlint/blob/main/Rules/U203.md"
    related = items[2].related_information[0]
    assert related.location.uri == uri and related.location.range.start.line == 1


@pytest.mark.asyncio
async def test_change_fix_and_clean(client: LanguageClient, workspace):
    uri = workspace.uri("assets.json")
    text = '[{"data": "https://b.s3.amazonaws.com/a.jpg", "externalId": "x"}]'
    open_document(client, uri, text)
    assert await diagnostics(client, uri) == []
    # An incremental change: a raw "é 😀" typed into the path.
    column = utf16_column(text, text.index("a.jpg") + 1)
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=types.Position(line=0, character=column), end=types.Position(line=0, character=column)),
                    text="\u00e9 \U0001F600",
                )
            ],
        )
    )
    text = text[: text.index("a.jpg") + 1] + "\u00e9 \U0001F600" + text[text.index("a.jpg") + 1 :]
    items = await diagnostics(client, uri)
    assert codes(items) == ["U203"]
    assert (items[0].range.start.character, items[0].range.end.character) == (column, column + 4)
    # The quick fix repairs it.
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=items[0].range,
            context=types.CodeActionContext(diagnostics=items),
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.is_preferred)
    if fix.edit.document_changes:
        edits = fix.edit.document_changes[0].edits
        assert fix.edit.document_changes[0].text_document.version == 2
    else:
        edits = fix.edit.changes[uri]
    text = apply_edits(text, edits)
    assert "%C3%A9%20%F0%9F%98%80" in text
    # A full change with the fixed text: nothing left.
    client.diagnostics.pop(uri, None)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_fix_all_safe_problems(client: LanguageClient, workspace):
    uri = workspace.uri("assets.json")
    text = '\ufeff[{"data": "https://b.s3.amazonaws.com/a b.jpg", "externalId": "x"}, {"data": "https://b.s3.amazonaws.com/c d.jpg", "externalId": "y"}]'
    open_document(client, uri, text)
    assert codes(await diagnostics(client, uri)) == ["J004", "U203", "U203"]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in actions] == ["source.fixAll.assetlint"]
    edit = actions[0].edit
    edits = edit.document_changes[0].edits if edit.document_changes else edit.changes[uri]
    fixed = apply_edits(text, edits)
    assert fixed == text[1:].replace("a b", "a%20b").replace("c d", "c%20d")


@pytest.mark.asyncio
async def test_configuration_is_honoured_and_reloaded(client: LanguageClient, workspace):
    workspace.write(".assetlint.yml", "rules:\n  ignore: [U204]\n")
    uri = workspace.uri("assets.json")
    open_document(client, uri, MANIFEST)
    assert codes(await diagnostics(client, uri)) == ["U203", "M110"]
    workspace.write(".assetlint.yml", "rules:\n  ignore: [M110]\n")
    client.diagnostics.pop(uri, None)
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=workspace.uri(".assetlint.yml"), type=types.FileChangeType.Changed)])
    )
    assert codes(await diagnostics(client, uri)) == ["U203", "U204"]


@pytest.mark.asyncio
async def test_a_broken_configuration_is_reported_on_it(client: LanguageClient, workspace):
    workspace.write(".assetlint.yml", "rules:\n  selct: [ALL]\n")
    uri = workspace.uri("assets.json")
    open_document(client, uri, MANIFEST)
    await diagnostics(client, uri)
    config = workspace.uri(".assetlint.yml")
    for _ in range(100):
        if client.diagnostics.get(config):
            break
        await asyncio.sleep(0.05)
    problems = client.diagnostics[config]
    assert len(problems) == 1 and "selct" in problems[0].message
    assert (problems[0].range.start.line, problems[0].range.start.character) == (1, 2)


@pytest.mark.asyncio
async def test_cors_and_key_files(client: LanguageClient, workspace):
    cors = workspace.uri("cors.json")
    open_document(client, cors, (ROOT / "Fixtures/cors/C305/gcs-trailing-slash.json").read_text())
    assert "C305" in codes(await diagnostics(client, cors))
    s3 = workspace.uri("s3-cors.json")
    open_document(client, s3, (ROOT / "Fixtures/cors/hub/s3-console-recommended.json").read_text())
    assert await diagnostics(client, s3) == []
    key = workspace.uri("key.json")
    key_text = (ROOT / "Fixtures/credentials/service-account-key.json").read_text()
    open_document(client, key, key_text)
    items = await diagnostics(client, key)
    assert codes(items) == ["K401"]
    assert "BEGIN PRIVATE KEY-----\\nMII" not in json.dumps([i.message for i in items])


@pytest.mark.asyncio
async def test_hover_on_a_finding_and_a_url(client: LanguageClient, workspace):
    uri = workspace.uri("assets.json")
    open_document(client, uri, MANIFEST)
    await diagnostics(client, uri)
    line = MANIFEST.split("\n")[1]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=1, character=utf16_column(line, line.index("+"))),
        )
    )
    value = hover.contents.value
    assert "U204" in value and "url-plus-in-path" in value
    assert 'bucket "bucket"' in value and "Amazon S3" in value


def test_exit_status_without_shutdown_is_one():
    """A bare `exit` (no shutdown first): status 1, as the protocol says."""
    body = b'{"jsonrpc":"2.0","method":"exit"}'
    result = subprocess.run([ASSETLINT, "server"], input=b"Content-Length: %d\r\n\r\n" % len(body) + body, capture_output=True, timeout=60)
    assert result.returncode == 1
    # The input ending without exit: the client is gone; 1 as well.
    result = subprocess.run([ASSETLINT, "server"], input=b"", capture_output=True, timeout=60)
    assert result.returncode == 1
