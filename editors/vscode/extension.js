// The Guideline extension: the language (package.json) and the glc language server, started as `glc lsp`
// over stdio for every .guideline and .fields file. The server finds each file's project itself.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("guideline");
  const command = config.get("server.path", "glc");
  const args = config.get("server.args", ["lsp"]);
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const serverOptions = {
    command,
    args,
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder.uri.fsPath } : {},
  };
  const clientOptions = {
    documentSelector: [{ scheme: "file", language: "guideline" }],
    outputChannelName: "Guideline language server",
  };
  client = new LanguageClient("guideline", "Guideline language server", serverOptions, clientOptions);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
