"""End-to-end tests of `assetlint server` with a real LSP client (pytest-lsp, on pygls).

The server binary is $ASSETLINT, else .build/debug/assetlint. Each test runs against two real
clients' capabilities as pytest-lsp records them: VS Code (diagnostics pushed, UTF-16 columns)
and Neovim 0.10 (diagnostics pulled, UTF-16 columns).
"""
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
ASSETLINT = os.environ.get("ASSETLINT") or str(ROOT / ".build" / "debug" / "assetlint")
