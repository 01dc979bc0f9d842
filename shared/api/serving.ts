// The Serving view's API messages: start a scoring server for one registered model (or two with A/B weights),
// stop it, and poll its status (live throughput, latency percentiles and the last requests).
import { z } from 'zod';

const modelRef = z.string().min(1).max(300).regex(/^[^@:\s][^@:]*(@[A-Za-z0-9_-]{1,255})?$/, 'expected name, name@alias or name@version');

export const servingStartRequest = z
  .object({
    models: z.array(modelRef).min(1).max(2),
    /** Relative weights, one per model (A/B split); default all traffic to the first. */
    weights: z.array(z.number().min(0).max(1e6)).min(1).max(2).optional(),
    /** 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(0),
    name: z.string().min(1).max(200).optional(),
  })
  .refine((r) => r.weights === undefined || r.weights.length === r.models.length, { message: 'give one weight per model' })
  .refine((r) => r.weights === undefined || r.weights.some((w) => w > 0), { message: 'at least one weight must be positive' });

export const servedVersionSchema = z.object({ version: z.string(), ref: z.string(), aliases: z.array(z.string()), weight: z.number() });

/** One second of traffic: requests answered in it and latency percentiles (ms; null without requests). */
export const trafficPointSchema = z.object({ t: z.number(), requests: z.number(), p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() });

export const servedRequestSchema = z.object({
  at: z.string(),
  method: z.string(),
  path: z.string(),
  code: z.number(),
  version: z.string().nullable(),
  rows: z.number(),
  latencyMs: z.number(),
});

export const servingStatusSchema = z.object({
  running: z.boolean(),
  name: z.string().nullable(),
  url: z.string().nullable(),
  versions: z.array(servedVersionSchema),
  totalRequests: z.number(),
  /** The last 60 seconds, oldest first. */
  traffic: z.array(trafficPointSchema),
  /** Newest first, at most 50. */
  recent: z.array(servedRequestSchema),
});

export type ServingStatus = z.infer<typeof servingStatusSchema>;
export type TrafficPoint = z.infer<typeof trafficPointSchema>;
export type ServedRequest = z.infer<typeof servedRequestSchema>;
