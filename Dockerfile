# One image for every PartsGraph service; docker-compose picks the entry point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0
COPY --from=build /app /app
# DATA_DIR in docker-compose: identity keeps its signing key here (a named volume starts with this owner).
RUN mkdir -p /data && chown node:node /data
USER node
CMD ["node", "dist/gateway/src/main.js"]
