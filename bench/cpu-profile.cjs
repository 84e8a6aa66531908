/**
 * Preload for the scale bench's BENCH_SCALE_PROFILE (node --require; NODE_OPTIONS refuses --cpu-prof): samples this
 * process's CPU and writes CPU_PROFILE_DIR/cpu-<pid>.cpuprofile (Chrome DevTools format) on SIGTERM or exit.
 */
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const session = new inspector.Session();
session.connect();
session.post('Profiler.enable', () =>
  session.post('Profiler.setSamplingInterval', { interval: 500 }, () => session.post('Profiler.start')),
);
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post('Profiler.stop', (err, r) => {
    if (!err) fs.writeFileSync(path.join(process.env.CPU_PROFILE_DIR || '.', `cpu-${process.pid}.cpuprofile`), JSON.stringify(r.profile));
  });
}
process.on('SIGTERM', write);
const exit = process.exit;
process.exit = (code) => {
  write();
  return exit.call(process, code);
};
