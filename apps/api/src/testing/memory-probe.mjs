// Preloaded into the server by the load test (`node --expose-gc --import <this file> dist/server.js`),
// never by the product: on SIGUSR2 it runs a full garbage collection and prints one line with the
// memory left in use, so the test compares what the server retains rather than where the
// collector's sawtooth happens to be when it looks.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stderr.write(`memory-probe ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}\n`);
});
