/** micromark extension for Pandoc citations (`@key`, `[see @key, p. 3; -@other]`). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { citationGroupEnd } from './group-end.js';
import { citationReference } from './reference.js';
import { citationSeparator } from './separator.js';
import { citationSuppress } from './suppress.js';

export function pandocCitationSyntax(): Extension {
  return {
    text: {
      [codes.atSign]: citationReference,
      [codes.dash]: citationSuppress,
      [codes.semicolon]: citationSeparator,
      // Before `labelEnd`: a defined `[@a]` shortcut reference is still a citation (Pandoc).
      [codes.rightSquareBracket]: citationGroupEnd,
    },
  };
}
