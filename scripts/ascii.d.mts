/** `text` with every non-ASCII character written as a `\uXXXX` escape of the same meaning (scripts/ascii.mjs). */
export function asciiOnly(text: string): string;
