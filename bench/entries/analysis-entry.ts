// What the analysis benchmark needs from the core, in one bundle.
export { Host } from '../../server/src/workspace/host.js';
export { MemoryFileSystem } from '../../server/src/files/file-system.js';
export { diagnose } from '../../server/src/analysis/diagnostics/index.js';
export { defaultConfig } from '../../server/src/analysis/config.js';
export { parseMarkdown } from '../../server/src/syntax/parse.js';
export { completeKey } from '../../server/src/analysis/completion.js';
