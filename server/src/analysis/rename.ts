/**
 * Renaming a citation key, as texlab does for LaTeX: every citation of it in every manuscript that
 * uses the same definition, and the key of its entry in the bibliography file (BibTeX, CSL-JSON,
 * CSL-YAML, or inline `references:`), in one edit the user applies. A new key that Pandoc cannot
 * read as `@key`, or that another entry already has, is refused with the reason.
 */
import * as path from 'node:path';
import { citationAt, citationsOf } from '../model/manuscript.js';
import { isSimpleKey } from '../syntax/citation/key.js';
import type { OffsetRange } from '../text/range.js';
import type { TextEdit } from './code-actions.js';
import { entryKeyAt } from './navigation.js';
import type { Snapshot } from './snapshot.js';

/** What the cursor is on: a key and the range to rename (a citation's key or an entry's key). */
export interface RenameTarget {
  readonly key: string;
  readonly range: OffsetRange;
}

export type RenameResult =
  | { readonly ok: true; readonly edits: ReadonlyMap<string, readonly TextEdit[]> }
  | { readonly ok: false; readonly reason: string };

/** The key under the cursor in `file` (a manuscript of `s`, or a bibliography file it uses). */
export function renameTarget(s: Snapshot, file: string, offset: number): RenameTarget | undefined {
  if (file === s.path) {
    const at = citationAt(s.manuscript, offset);
    if (at) return { key: at.item.key, range: at.item.keyRange };
    const inline = s.inline.entries.find((e) => offset >= e.keyRange.start && offset <= e.keyRange.end);
    return inline ? { key: inline.key, range: inline.keyRange } : undefined;
  }
  const key = entryKeyAt(s, file, offset);
  const entry = key ? s.bibliographies.find((b) => b.file?.path === file)?.file?.entries.find((e) => e.key === key) : undefined;
  // Only on the key itself: renaming from anywhere in a long entry would surprise.
  return entry && offset >= entry.keyRange.start && offset <= entry.keyRange.end ? { key: entry.key, range: entry.keyRange } : undefined;
}

/** Why `key` cannot be a new citation key, or undefined when it can. */
export function invalidKey(key: string): string | undefined {
  if (!key) return 'a citation key cannot be empty';
  if (/\s/.test(key)) return `'${key}' contains a space; Pandoc reads \`@key\` only up to it`;
  if (!isSimpleKey(key))
    return `'${key}' is not a key Pandoc reads as \`@${key}\`: a key starts with a letter, digit or _ and has letters, digits, _ and, between them, any of :.#$%&-+?<>~/`;
  // BibTeX and biber reject these in keys even where Pandoc would accept them.
  if (/[#%]/.test(key)) return `'${key}' contains # or %, which BibTeX does not allow in a key`;
  return undefined;
}

/**
 * The edits renaming `key` to `newKey`, starting from manuscript `origin`; `manuscripts` are every
 * manuscript known (the origin among them). A manuscript takes part when its first definition of the
 * key is in the same file as the origin's (or, when the origin defines it nowhere, only the origin).
 */
export function renameKey(origin: Snapshot, manuscripts: readonly Snapshot[], key: string, newKey: string): RenameResult {
  if (newKey === key) return { ok: true, edits: new Map() };
  const reason = invalidKey(newKey);
  if (reason) return { ok: false, reason };
  const home = origin.entries.get(key)?.[0]?.file;
  const all = manuscripts.some((m) => m.path === origin.path) ? manuscripts : [origin, ...manuscripts];
  const takers = home ? all.filter((m) => m.entries.get(key)?.[0]?.file === home) : [origin];

  for (const m of takers) {
    const taken = m.entries.get(newKey)?.[0];
    if (taken) return { ok: false, reason: `@${newKey} is already the key of an entry in ${path.basename(taken.file)}` };
  }

  const edits = new Map<string, TextEdit[]>();
  const add = (file: string, range: OffsetRange, newText: string) => {
    const list = edits.get(file) ?? edits.set(file, []).get(file)!;
    if (!list.some((e) => e.range.start === range.start)) list.push({ range, newText });
  };
  for (const m of takers) {
    for (const c of citationsOf(m.manuscript, key)) add(m.path, c.item.keyRange, newKey);
    for (const r of frontMatterCitations(m, key)) add(m.path, r, newKey);
    // Every definition of the key in the files this manuscript uses (duplicates too: they stay together).
    for (const d of m.entries.get(key) ?? []) add(d.file, d.entry.keyRange, keyText(m, d.file, d.entry.keyRange, newKey));
  }
  return { ok: true, edits };
}

/** `@key` in the front matter (`nocite: '@katz'`, a citation in a title): Pandoc reads these values as Markdown. */
function frontMatterCitations(s: Snapshot, key: string): OffsetRange[] {
  const fm = s.manuscript.frontMatter;
  if (!s.manuscript.hasFrontMatter) return [];
  const text = s.manuscript.text.slice(fm.range.start, fm.range.end);
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out: OffsetRange[] = [];
  // The key must end where a Pandoc key ends: not before another key character.
  for (const m of text.matchAll(new RegExp(`@\\{?(${escaped})(?![\\p{L}\\p{N}_]|[:.#$%&\\-+?<>~/][\\p{L}\\p{N}_])`, 'gu'))) {
    const start = fm.range.start + m.index + m[0].length - key.length;
    out.push({ start, end: start + key.length });
  }
  return out;
}

/** The new key as the definition's file needs it written: quoted where a JSON number or YAML plain scalar stood. */
function keyText(s: Snapshot, file: string, range: OffsetRange, key: string): string {
  const bib = s.bibliographies.find((b) => b.file?.path === file)?.file;
  const text = bib?.text ?? (file === s.path ? s.manuscript.text : undefined);
  const before = text?.[range.start - 1];
  const quoted = before === '"' || before === "'";
  if (bib?.format === 'csljson') {
    // Inside a JSON string (after its quote, or a Manubot `standard_id: ` line of a note) escaped, not quoted.
    const inString = quoted || text?.slice(range.start - 'standard_id: '.length, range.start) === 'standard_id: ';
    return inString ? JSON.stringify(key).slice(1, -1) : JSON.stringify(key);
  }
  if (quoted || bib?.format === 'bibtex') return key;
  // YAML (a file or inline references): a plain scalar stays plain when YAML reads it back as the same string.
  const plain = /^[\p{L}_][\p{L}\p{N}_.\-/]*$/u.test(key) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(key);
  return plain ? key : JSON.stringify(key);
}
