/** A validator for the official SARIF 2.1.0 JSON schema (OASIS; the copy Microsoft ships in @microsoft/jest-sarif, MIT). */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export function sarifValidator() {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema's `language` pattern has a stray `]` that is an error under the `u` flag (ECMAScript
  // regexes without it, which JSON Schema asks for, read it as a literal).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
