# One image for every Earshot role; the role is the command's argument (all, api, worker, scheduler).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/package.json ./
COPY --from=build /app/demo ./demo
USER node
ENTRYPOINT ["node", "--enable-source-maps", "dist/main.js"]
CMD ["all"]
