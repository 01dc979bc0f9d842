// The component library: a component saved from one pipeline is listed, used by another pipeline, replaced, deleted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { componentLibraryHandlers } from '../../../../electron/api/component-library.js';
import { openProjectFile, type ProjectFile } from '../../../../electron/store/project-file.js';
import { nodeCatalog } from '../../../../shared/catalog/index.js';
import { exportPipelineYaml, parsePipelineYaml, validatePipeline, type PipelineDocument } from '../../../../shared/pipeline/index.js';

const WITH_COMPONENT = `plumb: 1
name: first
components:
  prep:
    inputs: { table: table }
    outputs: { train: split.train, test: split.test }
    params:
      seed: { default: 7 }
    nodes:
      - id: split
        type: data.split
        inputs: { table: in.table }
        params: { seed: "\${seed}" }
nodes:
  - id: data
    type: data.read_csv
    params: { path: penguins.csv }
  - id: p
    type: component.prep
    inputs: { table: data.table }
`;

let project: ProjectFile | undefined;
afterEach(() => project?.close());

function library() {
  project = openProjectFile(join(mkdtempSync(join(tmpdir(), 'plumb-library-')), 'p.plumb'), { create: true });
  const opened = project;
  return componentLibraryHandlers(() => opened);
}

describe('component library', () => {
  it('saves a component of one pipeline and another pipeline uses the listed definition', async () => {
    const api = library();
    const first = parsePipelineYaml(WITH_COMPONENT, { catalog: nodeCatalog });
    await api['components.save']({ name: 'prep', component: first.components!.prep });
    const { components } = await api['components.list']({});
    expect(components.map((c) => c.name)).toEqual(['prep']);
    expect(components[0].component).toEqual(first.components!.prep);

    const second: PipelineDocument = {
      plumb: 1,
      name: 'second',
      components: { prep: components[0].component as NonNullable<PipelineDocument['components']>[string] },
      nodes: [
        { id: 'data', type: 'data.read_csv', params: { path: 'other.csv' } },
        { id: 'q', type: 'component.prep', inputs: { table: 'data.table' }, params: { seed: 3 } },
      ],
    };
    expect(validatePipeline(second, nodeCatalog)).toEqual([]);
    const text = exportPipelineYaml(second, nodeCatalog);
    expect(exportPipelineYaml(parsePipelineYaml(text, { catalog: nodeCatalog }), nodeCatalog)).toBe(text);
  });

  it('replaces a component saved under the same name, deletes it, and refuses an invalid one naming the problem', async () => {
    const api = library();
    const prep = parsePipelineYaml(WITH_COMPONENT, { catalog: nodeCatalog }).components!.prep;
    await api['components.save']({ name: 'prep', component: prep });
    await api['components.save']({ name: 'prep', component: { ...prep, params: { seed: { default: 9 } } } });
    const listed = (await api['components.list']({})).components;
    expect(listed).toHaveLength(1);
    expect(listed[0].component.params).toEqual({ seed: { default: 9 } });

    await expect(api['components.save']({ name: 'bad', component: { ...prep, outputs: { train: 'split.trian' } } })).rejects.toThrow(
      /output 'train' of component 'bad' refers to 'split.trian'.*did you mean 'train'/,
    );
    await api['components.delete']({ name: 'prep' });
    expect((await api['components.list']({})).components).toEqual([]);
    await expect(api['components.delete']({ name: 'prep' })).rejects.toThrow(/no component 'prep'/);
  });
});
