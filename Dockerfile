FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
COPY seeds ./seeds
ENV NODE_ENV=production
ENTRYPOINT []
CMD ["node", "dist/cli/main.js", "--help"]
