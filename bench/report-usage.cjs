/**
 * Preload for the model-load bench (node --require): at exit, writes this process's CPU time and peak resident memory
 * (process.resourceUsage) as one JSON line to the file USAGE_FILE names.
 */
const fs = require('node:fs');

process.on('exit', () => {
  const u = process.resourceUsage();
  fs.writeFileSync(process.env.USAGE_FILE, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS }));
});
