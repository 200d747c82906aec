// esbuild escapes non-ASCII characters in strings but leaves them in regular expression literals (a
// dash class, a Persian comma). One such character makes V8 hold the whole bundle as a two-byte string:
// 7 MB of the server's heap for its 3.5 MB of source, where one byte a character does. `asciiOnly`
// writes each as `\uXXXX`, which means the same character in a regular expression, a string, an
// identifier or a comment; an identity escape (`\–`) is the character itself, so its backslash goes.
// Characters beyond the BMP become their surrogate pair, which the u flag reads as one code point.
// (A tagged template's raw text would change; esbuild leaves no such character there, and the bundles'
// tests run on the escaped files.)
export function asciiOnly(text) {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => {
    const escape = '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
    return (slashes.length % 2 ? slashes.slice(1) : slashes) + escape;
  });
}
