/**
 * Minimal glob matching for the `files.include` / `files.exclude` settings: `**`, `*`, `?`, `{a,b}`.
 * Patterns without a slash match the base name anywhere, as VS Code's file globs do.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += '(?:' + glob.slice(i + 1, close).split(',').map(escape).join('|') + ')';
        i = close;
      }
    } else re += escape(c);
  }
  return new RegExp(`^${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

export function matchesAny(file: string, globs: readonly string[]): boolean {
  const normal = file.replace(/\\/g, '/');
  return globs.some((g) => {
    const re = globToRegExp(g.replace(/^\.\//, ''));
    if (!g.includes('/')) return re.test(normal.split('/').pop() ?? normal);
    return re.test(normal) || re.test(normal.replace(/^\//, '')) || normal.split('/').some((_, i, parts) => re.test(parts.slice(i).join('/')));
  });
}
