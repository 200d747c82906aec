/**
 * "Marginalia: Add Review Comment": asks for the comment and has the server wrap the selection in
 * `{== … ==}{>> comment <<}` (or insert `{>> comment <<}` at the cursor). The server answers with a
 * workspace edit that VS Code applies (undoable like any edit); it never writes the file itself.
 */
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';

const SERVER_COMMAND = 'marginalia.server.addReviewComment';
const LAST_TAG = 'marginalia.reviewerTag';

export function registerAddReviewComment(context: vscode.ExtensionContext, client: LanguageClient): vscode.Disposable {
  return vscode.commands.registerTextEditorCommand('marginalia.addReviewComment', async (editor) => {
    // Offer the tag used last time (`R1: `), so a reviewer signs every comment the same way.
    const tag = context.workspaceState.get<string>(LAST_TAG, '');
    const comment = await vscode.window.showInputBox({
      title: 'Add Review Comment',
      prompt: 'The comment; start it with your tag (`R1:` or `@name:`) to sign it',
      value: tag,
      valueSelection: [tag.length, tag.length],
    });
    if (!comment?.trim()) return;
    const signed = /^\s*(@[^\s:]+:?|[^\s:]{1,30}:)\s/.exec(comment);
    await context.workspaceState.update(LAST_TAG, signed ? signed[0].trimStart() : '');
    const result = await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMAND,
      arguments: [{ uri: editor.document.uri.toString(), range: client.code2ProtocolConverter.asRange(editor.selection), comment }],
    });
    const { applied, error } = (result ?? {}) as { applied?: boolean; error?: string };
    if (!applied) void vscode.window.showWarningMessage(`Marginalia: the comment was not added${error ? `: ${error}` : ''}`);
  });
}
