// The Serving view's backend: one scoring server in the app's process (its own port, loopback), serving registered
// versions of the open project and logging their predictions to it. Start replaces a running server.
import type { ServingStatus } from '../../shared/api/serving.js';
import { invalidInput } from '../../shared/errors.js';
import { loadRegisteredVersion, servedVersions } from '../serve/model-source.js';
import { startScoringServer, type ScoringServer } from '../serve/server.js';
import type { ProjectFile } from '../store/project-file.js';
import type { ApiHandlers } from './service.js';

export interface AppServing {
  handlers: Pick<ApiHandlers, 'serving.start' | 'serving.stop' | 'serving.status'>;
  /** Stops the server (switching projects, closing the app). */
  close(): Promise<void>;
}

const STOPPED: ServingStatus = { running: false, name: null, url: null, versions: [], totalRequests: 0, traffic: [], recent: [] };

function statusOf(server: ScoringServer | undefined): ServingStatus {
  if (!server) return STOPPED;
  return {
    running: true,
    name: server.name,
    url: server.url,
    versions: server.versions.map((v, i) => ({ version: v.version, ref: v.ref, aliases: v.aliases, weight: server.split.weights[i] })),
    totalRequests: server.stats.total,
    traffic: server.stats.traffic(),
    recent: server.stats.recent(),
  };
}

export function createServing(project: () => ProjectFile): AppServing {
  let server: ScoringServer | undefined;
  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.close();
  };
  return {
    handlers: {
      'serving.start': async ({ models, weights, port, name }) => {
        await stop();
        const file = project();
        const loaded = models.map((ref) => loadRegisteredVersion(file, ref));
        if (loaded.length === 2 && loaded[0].name === loaded[1].name && loaded[0].registryVersion === loaded[1].registryVersion) {
          throw invalidInput(`'${models[0]}' and '${models[1]}' are the same version: pick two different versions for an A/B split`);
        }
        server = await startScoringServer({
          name: name ?? loaded[0].name,
          versions: servedVersions(loaded),
          weights,
          port,
          host: '127.0.0.1',
          predictionLog: file.predictionLog,
        });
        return statusOf(server);
      },
      'serving.stop': async () => {
        await stop();
        return STOPPED;
      },
      'serving.status': async () => statusOf(server),
    },
    close: stop,
  };
}
