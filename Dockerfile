# syntax=docker/dockerfile:1
# TopTier: one image for the web and the worker processes (docs/DEPLOYMENT.md).
#   web:     docker run --init IMAGE                      (node --import tsx server.ts, WORKERS_IN_PROCESS=false)
#   worker:  docker run --init IMAGE node --import tsx workers/main.ts
#   migrate: docker run --rm IMAGE node --import tsx scripts/migrate.ts
# Not built on the development machines (no Docker there): what it runs was checked with a copy of exactly these
# files and `npm ci --omit=dev` (docs/DEPLOYMENT.md, "Container image").

# The Node version the project is tested on (package.json engines: 20.11+ or 22+). Pin a digest in your registry.
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false

# Every dependency, for the build (Vite, the Remix compiler).
FROM base AS deps
COPY package.json package-lock.json ./
RUN npm ci

FROM deps AS build
COPY . .
RUN npm run build

# Runtime dependencies only: tsx (which runs server.ts and the workers from their TypeScript) is one of them.
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM base AS runtime
ENV NODE_ENV=production \
    WORKERS_IN_PROCESS=false \
    PORT=3000 \
    DATA_DIR=/tmp/toptier
# Owned by root and read-only to the process: the app never writes its own code or dependencies.
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY package.json tsconfig.json server.ts ./
COPY app ./app
COPY models ./models
COPY workers ./workers
COPY emails ./emails
COPY scripts/migrate.ts ./scripts/migrate.ts
# The unprivileged user of the official Node images (uid 1000).
USER node
EXPOSE 3000
# server.ts and workers/main.ts finish running requests and jobs on SIGTERM (docker stop), then exit.
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "server.ts"]
