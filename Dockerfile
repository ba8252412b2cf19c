# liveness-sim as a container: README "Docker". Built by `npm run test:container` (podman) in CI.
#
#   docker build -t liveness-sim .
#   docker run --rm -p 8080:8080 -e SIM_ADMIN_TOKEN=change-me liveness-sim
#
# Three stages on the same Node LTS base: build (dev dependencies, TypeScript to dist/), deps
# (production dependencies only), and the runtime image, which gets dist/ without type
# declarations, the production node_modules, the shipped scenarios and the contracts, and nothing
# else (no sources, no tests, no dev tools).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would compile before the sources are here (the build is the next step).
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY contracts ./contracts
COPY simulator ./simulator
COPY src ./src
COPY scripts/bundle-cli.mjs ./scripts/
RUN npm run build \
  && find dist \( -name '*.map' -o -name '*.d.ts' \) -delete

FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The production dependencies need no install script; `prepare` (tsc) is a dev step.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts

FROM node:24-bookworm-slim
LABEL org.opencontainers.image.title="liveness-sim" \
  org.opencontainers.image.description="A faithful local simulator of the FPT.AI, Verihubs and ADVANCE.AI face-liveness APIs" \
  org.opencontainers.image.licenses="MIT"
# Node 24 sizes its young generation from the heap limit: two 32 MB halves on a host with no memory
# limit, ~100 MB more RSS under load. 16 MB is Node 20's and 22's own size. `-e NODE_OPTIONS=...`
# replaces it (README "Memory"). `serve` keeps it from the video workers (simulator/node/worker-heap.ts).
ENV NODE_ENV=production \
  NODE_OPTIONS=--max-semi-space-size=16 \
  HOST=0.0.0.0 \
  PORT=8080 \
  SIM_SCENARIOS=/scenarios
WORKDIR /app
# A team's own scenarios: mount a folder of YAML files on /scenarios (read-only is enough). They
# are tried before the shipped ones and replace a shipped scenario of the same id; empty by default.
RUN mkdir /scenarios
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json LICENSE ./
COPY scenarios ./scenarios
COPY contracts ./contracts
# The official Node images' unprivileged user (uid 1000); nothing in the image is writable by it.
USER node
EXPOSE 8080
# Node itself asks /__sim/health (no curl in a slim image); the admin token never guards it.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/__sim/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains requests in flight (up to --drain-timeout, 10 s) and exits 0. Exec form: node is
# PID 1 and gets the signal itself.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "dist/simulator/cli/main.js"]
CMD ["serve"]
