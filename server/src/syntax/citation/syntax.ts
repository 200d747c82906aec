/** micromark extension for Pandoc citations (`@key`, `[see @key, p. 3; -@other]`). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { definitionUnlessCitation } from './definition.js';
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
    // `[@key]: url` is a paragraph with a citation, not a link definition (Pandoc; see definition.ts).
    contentInitial: { [codes.leftSquareBracket]: definitionUnlessCitation },
    // Pandoc's Markdown does not link bare URLs and e-mail addresses (no `autolink_bare_uris`): GFM's literal
    // autolinks would swallow `https://doi.org/x[@key]` whole, where Pandoc finds the citation.
    disable: { null: ['definition', 'wwwAutolink', 'protocolAutolink', 'emailAutolink'] },
  };
}
