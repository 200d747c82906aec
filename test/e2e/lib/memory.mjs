// Peak memory of a process tree: every `intervalMs`, sums the resident set (RSS) of a root process
// and all its descendants, read from /proc (Linux). Detached children (code-server's process group)
// are still descendants, so the figure covers code-server, its extension host and language server,
// and Chromium with its renderers.
import { readFileSync, readdirSync } from 'node:fs';

const pageSize = 4096;

function snapshot() {
  const procs = new Map(); // pid -> { ppid, rss, comm }
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' '); // fields[0] is field 3 (state)
      procs.set(Number(name), { ppid: Number(fields[1]), rss: Number(fields[21]) * pageSize, comm });
    } catch {
      // the process ended while we read
    }
  }
  return procs;
}

/** RSS in bytes of `root` and its descendants, and the tree's size. */
export function treeRss(root = process.pid) {
  const procs = snapshot();
  const children = new Map();
  for (const [pid, p] of procs) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  let rss = 0;
  let count = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    const p = procs.get(pid);
    if (!p) continue;
    rss += p.rss;
    count += 1;
    stack.push(...(children.get(pid) ?? []));
  }
  return { rss, count };
}

/** Starts sampling; `stop()` returns { peak, peakProcesses, samples }. */
export function sampleMemory(root = process.pid, intervalMs = 500) {
  let peak = 0;
  let peakProcesses = 0;
  let samples = 0;
  const take = () => {
    const { rss, count } = treeRss(root);
    samples += 1;
    if (rss > peak) {
      peak = rss;
      peakProcesses = count;
    }
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak, peakProcesses, samples };
    },
  };
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
