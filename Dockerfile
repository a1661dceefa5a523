# One image for every Tierdesk service; docker-compose.yml picks the service per container with
# `start --only <service>`.
FROM node:20-slim AS build
WORKDIR /app
ENV CI=true
COPY . .
# The lockfile is the contract: a changed dependency set fails the build instead of drifting.
RUN npx --yes pnpm@10.34.8 install --frozen-lockfile \
 && npx --yes pnpm@10.34.8 run build

FROM node:20-slim
ENV NODE_ENV=production \
    HTTP_HOST=0.0.0.0 \
    INTAKE_SMTP_HOST=0.0.0.0 \
    TIERDESK_OUTBOX=/app/.tierdesk/outbox
WORKDIR /app
# Sources, builds and node_modules, without the pnpm store the install step filled.
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 8080 2525
# SIGTERM reaches node directly (exec form), which stops taking work and exits within 10 s.
CMD ["node", "packages/cli/bin/tierdesk.mjs", "start"]
