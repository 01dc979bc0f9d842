# The `plumb` CLI as a container image for Argo Workflows steps (`plumb export-argo`) and `plumb serve`
# Deployments (`plumb export-k8s-serve`). Build: docker build -t REGISTRY/plumb:0.1.0 .

# Stage 1: production dependencies (native addons built for this image's glibc) and the CLI bundle.
FROM node:20-slim AS build
WORKDIR /app
# The desktop app's Electron binary and the optional GPU TensorFlow are not used by the CLI: skip their downloads.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json .npmrc ./
# Scripts off while installing (the `prepare` script needs the sources, copied below); the native addons the CLI
# loads are then built or fetched explicitly. esbuild is a dependency, so --omit=dev keeps it for the bundle.
RUN npm ci --omit=dev --ignore-scripts \
 && npm rebuild better-sqlite3 esbuild onnxruntime-node
COPY tsconfig.json ./
COPY bin ./bin
COPY shared ./shared
COPY electron ./electron
# dist/cli/stamp.json records the sources' sizes and mtimes; copying /app as a whole keeps them, so the bundle
# is found fresh at start-up and never rebuilt inside a running pod.
RUN node bin/cli-bundle.mjs --force \
 && node bin/plumb.mjs --version \
 && node bin/plumb.mjs nodes > /dev/null

# Stage 2: the runtime image.
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
RUN ln -s /app/bin/plumb.mjs /usr/local/bin/plumb \
 && mkdir -p /plumb && chown node:node /plumb
# The official image's unprivileged user (uid 1000).
USER node
WORKDIR /plumb
ENTRYPOINT ["plumb"]
CMD ["--help"]
