// Preload (`node --require guard.cjs …`) for the promise tests: every network use (sockets, DNS, HTTP,
// fetch, UDP) and every file write is refused with an exception and logged; every file read or probe is
// logged. One JSON line per event, appended to $MARGINALIA_GUARD_LOG through a descriptor opened before
// anything is patched (fd writes are not path-based, so the guard's own logging is not recorded).
'use strict';
const fs = require('node:fs');
const log = process.env.MARGINALIA_GUARD_LOG;
if (!log) throw new Error('guard.cjs needs MARGINALIA_GUARD_LOG');
const fd = fs.openSync(log, 'a');
const writeSync = fs.writeSync;
const record = (kind, what, target) => writeSync(fd, JSON.stringify({ kind, what, target: String(target) }) + '\n');

function refuse(kind, obj, name) {
  const original = obj[name];
  if (typeof original !== 'function') return;
  obj[name] = function guarded(...args) {
    const target = typeof args[0] === 'object' && args[0] !== null ? JSON.stringify(args[0]).slice(0, 200) : args[0];
    record(kind, name, target);
    throw new Error(`guard: ${kind} refused (${name})`);
  };
}

// Network: TCP/IPC sockets, TLS, DNS, HTTP(S), fetch, UDP.
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const dgram = require('node:dgram');
refuse('network', net.Socket.prototype, 'connect');
for (const n of ['connect', 'createConnection']) refuse('network', net, n);
refuse('network', tls, 'connect');
for (const n of ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'reverse'])
  refuse('network', dns, n), refuse('network', dns.promises, n);
for (const n of ['request', 'get']) refuse('network', http, n), refuse('network', https, n);
refuse('network', dgram, 'createSocket');
refuse('network', globalThis, 'fetch');

// Writes to files: every path-based writing call of fs and fs/promises.
const writes = ['writeFile', 'appendFile', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'rename', 'copyFile', 'cp', 'symlink', 'link', 'truncate', 'chmod', 'chown', 'utimes'];
for (const n of writes) refuse('write', fs, n), refuse('write', fs, `${n}Sync`), refuse('write', fs.promises, n);
refuse('write', fs, 'createWriteStream');
const writing = (flags) => typeof flags === 'string' && /[wa+]/.test(flags);
for (const [obj, name] of [[fs, 'open'], [fs, 'openSync'], [fs.promises, 'open']]) {
  const original = obj[name];
  obj[name] = function guardedOpen(file, flags, ...rest) {
    if (writing(flags)) {
      record('write', name, file);
      throw new Error(`guard: write refused (${name})`);
    }
    record('read', name, file);
    return original.call(this, file, flags, ...rest);
  };
}

// Reads and probes: logged, allowed.
const reads = ['readFile', 'readdir', 'stat', 'lstat', 'access', 'realpath', 'opendir', 'readlink'];
for (const n of [...reads, 'createReadStream', 'existsSync', ...reads.map((r) => `${r}Sync`)])
  for (const obj of [fs, fs.promises]) {
    const original = obj[n];
    if (typeof original !== 'function') continue;
    obj[n] = function logged(file, ...rest) {
      record('read', n, file);
      return original.call(this, file, ...rest);
    };
  }
