// Child of bench/message-writer.mjs: sends the message it is given over Node's IPC channel (how VS Code
// starts a server with TransportKind.ipc), COUNT times, and reports the median wall time per send and
// the CPU time per message.
const { performance } = require('node:perf_hooks');

process.once('message', async ({ message, count }) => {
  const wall = [];
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await new Promise((resolve) => process.send(message, undefined, undefined, resolve));
    wall.push(performance.now() - t);
  }
  const used = process.cpuUsage(cpu);
  wall.sort((a, b) => a - b);
  process.send({ done: true, wall: wall[Math.floor(count / 2)], cpu: (used.user + used.system) / 1000 / count });
});
