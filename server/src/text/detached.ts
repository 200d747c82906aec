/**
 * A copy of a string that shares no memory with the string it was cut from. V8 represents a slice of
 * 13 characters or more as a view that keeps the whole parent alive, so a value kept across versions
 * of a document (a tree node's text, a citation key, a sentence), cut from one version's 1 MB text,
 * would keep that version alive: after n keystrokes, n whole texts. Concatenating makes a rope, which
 * slicing first copies into one new string (`flatstr` and V8's own `%FlattenString` do the same).
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
