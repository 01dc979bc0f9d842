// The project's model registry as the nodes see it (NodeEnv.models): resolve a reference, read the file lazily.
import type { ModelLookup } from '../nodes/env.js';
import type { ProjectFile } from '../store/project-file.js';

export function registeredModels(project: ProjectFile): ModelLookup {
  return {
    resolve(ref) {
      const found = project.models.resolve(ref);
      return {
        name: found.name,
        version: found.version,
        hash: found.hash,
        read: () => project.models.artifact(`${found.name}@${found.version}`),
      };
    },
    predictions: project.predictionLog,
  };
}
