/** micromark extension for CriticMarkup review marks (`{++ added ++}`, `{>> comment <<}`, …). */
import type { Extension } from 'micromark-util-types';
import { codes } from 'micromark-util-symbol';
import { criticClose } from './close.js';
import { criticOpen } from './open.js';
import { criticSeparator } from './separator.js';

export function criticMarkupSyntax(): Extension {
  return {
    text: {
      [codes.leftCurlyBrace]: criticOpen,
      [codes.plusSign]: criticClose,
      [codes.dash]: criticClose,
      [codes.tilde]: [criticClose, criticSeparator],
      [codes.equalsTo]: criticClose,
      [codes.lessThan]: criticClose,
    },
  };
}
