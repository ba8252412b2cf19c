#!/usr/bin/env node
// The `podman run` arguments of one service of a compose file, so that `npm run test:container`
// runs the compose example as written, without Docker Compose: environment, volumes (relative to
// the compose file), working_dir, image (or, for a service that builds, the image given as
// --image), command. Any other key of the service (ports and depends_on aside, which the test
// does itself) is an error, so the example cannot grow a setting the test silently skips.
// Usage: node scripts/compose-run-args.mjs COMPOSE_FILE SERVICE [--image IMAGE]; one argument a line.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

const [file, name, flag, builtImage] = process.argv.slice(2);
const fail = (message) => {
  console.error(`[compose-run-args] ${file}: ${message}`);
  process.exit(1);
};
if (!file || !name || (flag !== undefined && flag !== '--image')) fail('usage: compose-run-args.mjs COMPOSE_FILE SERVICE [--image IMAGE]');
const service = parse(readFileSync(file, 'utf8'))?.services?.[name];
if (!service) fail(`no service "${name}"`);

const handled = ['build', 'image', 'environment', 'volumes', 'working_dir', 'command', 'ports', 'depends_on', 'stop_grace_period'];
const unknown = Object.keys(service).filter((key) => !handled.includes(key));
if (unknown.length > 0) fail(`service ${name}: ${unknown.join(', ')} not handled by this script`);

const args = [];
const environment = service.environment ?? {};
if (Array.isArray(environment)) fail(`service ${name}: environment as a map, please`);
for (const [key, value] of Object.entries(environment)) args.push('-e', `${key}=${value}`);
for (const volume of service.volumes ?? []) {
  const [source, target, mode] = String(volume).split(':');
  if (!source.startsWith('.')) fail(`service ${name}: volume ${volume}: a path relative to the compose file, please`);
  args.push('-v', [resolve(dirname(file), source), target, ...(mode ? [mode] : [])].join(':'));
}
if (service.working_dir) args.push('--workdir', service.working_dir);
if (service.build !== undefined && !builtImage) fail(`service ${name} builds its image: pass --image`);
args.push(service.build !== undefined ? builtImage : service.image);
if (service.command !== undefined) {
  if (!Array.isArray(service.command)) fail(`service ${name}: command as a list (exec form), please`);
  args.push(...service.command);
}
console.log(args.join('\n'));
