// The component library API: components saved in the project and reusable by any of its pipelines (SPEC §3).
import { z } from 'zod';

const componentName = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'component names start with a lower-case letter and use only a-z, 0-9 and _' }).max(100);

/** A component definition as plain data (`{ inputs, outputs, params, nodes }`), checked in depth by the YAML codec. */
export const componentDefinition = z.record(z.string(), z.unknown());

export const savedComponentSchema = z.object({ name: z.string(), component: componentDefinition, savedAt: z.string() });
export type SavedComponentView = z.infer<typeof savedComponentSchema>;

export const componentsListResponse = z.object({ components: z.array(savedComponentSchema) });
export const componentsSaveRequest = z.object({ name: componentName, component: componentDefinition });
export const componentsSaveResponse = z.object({ savedAt: z.string() });
export const componentsDeleteRequest = z.object({ name: componentName });
