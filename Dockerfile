# syntax=docker/dockerfile:1
# The bot's image: one image for every role (web, discord, worker), chosen at run time with ROLES.
#   docker build -t imagegen-bot .
#   docker run --env-file .env -p 3000:3000 imagegen-bot
# Node 24 is the active LTS. The code also runs on Node >= 20.19 (see README).

# --- deps: every dependency, dev ones included (the Prisma CLI is a dev dependency) -------------
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: generate the Prisma client (src/generated/prisma) with the dev-only Prisma CLI -------
FROM deps AS build
COPY prisma ./prisma
COPY scripts ./scripts
RUN npm run db:generate

# --- runtime: production dependencies only --------------------------------------------------------
FROM node:24-bookworm-slim AS runtime
# MALLOC_ARENA_MAX keeps glibc from growing one arena per thread under sharp/libvips load
# (the bench measured steady RSS growth without it; see docs/operations.md).
ENV NODE_ENV=production \
    PORT=3000 \
    MALLOC_ARENA_MAX=2
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY prisma ./prisma
COPY tsconfig.json ./
COPY src ./src
COPY --from=build /app/src/generated ./src/generated
# Local storage (STORAGE=local, LOCAL_STORAGE_DIR=.data/storage) must be writable by the app user;
# a named volume mounted here starts with this ownership.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
# Slim images have no curl: probe /healthz with Node itself. Only the web role listens; compose
# turns this check off for processes that run without it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Not `npm start`: its prestart regenerates the Prisma client, which needs the dev-only CLI. The app
# applies pending migrations itself at start (src/main.ts). Exec form, so SIGTERM reaches Node.
CMD ["node", "--import", "tsx", "src/main.ts"]
