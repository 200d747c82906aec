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

/** Proportional set size (shared pages split between their users) in bytes, or 0 if unreadable. */
function pss(pid) {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * RSS in bytes of `root` and its descendants (a sum of RSS counts shared pages, such as Chromium's
 * and Node's code, once per process), the tree's size, and with `withPss` the sum of PSS (no double counting).
 */
export function treeRss(root = process.pid, withPss = false) {
  const procs = snapshot();
  const children = new Map();
  for (const [pid, p] of procs) {
    if (!children.has(p.ppid)) children.set(p.ppid, []);
    children.get(p.ppid).push(pid);
  }
  let rss = 0;
  let count = 0;
  let pssSum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop();
    const p = procs.get(pid);
    if (!p) continue;
    rss += p.rss;
    count += 1;
    if (withPss) pssSum += pss(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return { rss, count, pss: pssSum };
}

/** Starts sampling; `stop()` returns { peak, peakProcesses, peakPss, samples } (peaks of the RSS and PSS sums). */
export function sampleMemory(root = process.pid, intervalMs = 500) {
  let peak = 0;
  let peakProcesses = 0;
  let samples = 0;
  let peakPss = 0;
  const take = () => {
    const { rss, count, pss: p } = treeRss(root, true);
    samples += 1;
    peakPss = Math.max(peakPss, p);
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
      return { peak, peakProcesses, peakPss, samples };
    },
  };
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
