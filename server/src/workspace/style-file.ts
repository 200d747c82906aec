/** Reads a `.csl` style file and says why it cannot be used, if it cannot (then hovers use APA). */
import { describeFailure, type FileSystem } from '../files/file-system.js';
import type { ReferenceFormatter } from '../bibliography/format.js';

export async function readStyle(
  fs: FileSystem,
  stylePath: string,
  stamp: string | undefined,
  maxBytes: number,
  formatter: ReferenceFormatter,
): Promise<{ text: string | undefined; problem?: string }> {
  if (stamp === undefined) return { text: undefined };
  const read = await fs.read(stylePath, { maxBytes });
  if (read.kind === 'missing') return { text: undefined };
  if (read.kind !== 'text') return { text: undefined, problem: describeFailure(read, 'marginalia.limits.styleBytes') };
  if (read.problem) return { text: read.text, problem: read.problem.message };
  const problem = formatter.styleProblem(read.text);
  return problem ? { text: read.text, problem: `is not a usable CSL style: ${problem}` } : { text: read.text };
}
