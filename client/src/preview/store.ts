/**
 * The preview data per document, fetched from the server after each analysis (the markdown-it plugin
 * must render synchronously, so it reads this cache). When the data changes, open previews refresh.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewData } from './data';

export class PreviewStore {
  private readonly byUri = new Map<string, { data: PreviewData; json: string }>();

  constructor(private readonly client: LanguageClient) {}

  /** The data for a render's `env` (VS Code passes the document's URI as `env.currentDocument`). */
  get(env: unknown): PreviewData | undefined {
    const uri = (env as { currentDocument?: { toString(): string } } | undefined)?.currentDocument?.toString();
    return uri ? this.byUri.get(uri)?.data : undefined;
  }

  async refresh(uri: string): Promise<void> {
    if (!this.client.isRunning()) return;
    const data = await this.client.sendRequest<PreviewData | null>('marginalia/preview', { uri });
    if (!data) return;
    const json = JSON.stringify(data);
    if (this.byUri.get(uri)?.json === json) return;
    this.byUri.set(uri, { data, json });
    await vscode.commands.executeCommand('markdown.preview.refresh');
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
