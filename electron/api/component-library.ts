// components.* handlers: the project's component library. A component is stored as a pipeline document holding just
// it, so the YAML codec checks it (inner nodes, ports, params, nested components) on save exactly as in a pipeline.
import { nodeCatalog } from '../../shared/catalog/index.js';
import { invalidInput, PlumbError } from '../../shared/errors.js';
import {
  checkPipelineYaml,
  exportPipelineYaml,
  formatIssue,
  pipelineDocumentSchema,
  validatePipeline,
  type ComponentSpec,
  type PipelineDocument,
} from '../../shared/pipeline/index.js';
import type { ProjectFile } from '../store/project-file.js';
import type { ApiHandlers } from './service.js';

export type ComponentLibraryHandlers = Pick<ApiHandlers, 'components.list' | 'components.save' | 'components.delete'>;

const LIBRARY_DOCUMENT = 'component-library';

function libraryDocument(name: string, component: unknown): PipelineDocument {
  const parsed = pipelineDocumentSchema.safeParse({ plumb: 1, name: LIBRARY_DOCUMENT, components: { [name]: component }, nodes: [] });
  if (!parsed.success) throw invalidInput(`component '${name}' is not a valid component: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The component saved in `yaml`; undefined for a row that no longer reads (it is left out of the list). */
function componentOf(name: string, yaml: string): ComponentSpec | undefined {
  return checkPipelineYaml(yaml, { catalog: nodeCatalog }).document?.components?.[name];
}

export function componentLibraryHandlers(current: () => ProjectFile): ComponentLibraryHandlers {
  return {
    'components.list': async () => ({
      components: current()
        .components.list()
        .flatMap(({ name, yaml, savedAt }) => {
          const component = componentOf(name, yaml);
          return component ? [{ name, component, savedAt }] : [];
        }),
    }),
    'components.save': async ({ name, component }) => {
      const document = libraryDocument(name, component);
      const issues = validatePipeline(document, nodeCatalog);
      if (issues.length > 0) {
        throw new PlumbError('invalid_input', issues[0].message, { node: issues[0].node }, issues.map((issue) => formatIssue(issue)));
      }
      const { savedAt } = current().components.save(name, exportPipelineYaml(document, nodeCatalog));
      return { savedAt };
    },
    'components.delete': async ({ name }) => {
      if (!current().components.delete(name)) throw invalidInput(`there is no component '${name}' in the library`);
      return {};
    },
  };
}
