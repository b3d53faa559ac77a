// Makes sure a Chromium for the end-to-end tests is there: Debian's package, installed with apt when we are root.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function works(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

if (existsSync(wanted) && works(wanted)) {
  console.log(`ensure-chromium: using ${works(wanted)} at ${wanted}`);
  process.exit(0);
}

if (process.env.CHROMIUM_PATH) {
  console.error(`ensure-chromium: CHROMIUM_PATH=${wanted} does not run. Point CHROMIUM_PATH at a working Chromium or Chrome binary.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !existsSync('/usr/bin/apt-get')) {
  console.error(
    'ensure-chromium: no Chromium at /usr/bin/chromium, and this user cannot install it.\n' +
      '  On Debian/Ubuntu run: sudo apt-get install -y chromium\n' +
      '  or point the tests at a browser: CHROMIUM_PATH=/path/to/chrome npm test',
  );
  process.exit(1);
}

console.log('ensure-chromium: installing Debian\'s chromium with apt-get (once per machine)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
try {
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
} catch {
  console.error('ensure-chromium: apt-get could not install chromium. Install it by hand or set CHROMIUM_PATH.');
  process.exit(1);
}
if (!works(wanted)) {
  console.error(`ensure-chromium: chromium was installed but ${wanted} does not run.`);
  process.exit(1);
}
console.log(`ensure-chromium: installed ${works(wanted)}`);
