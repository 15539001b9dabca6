/**
 * The one module that reads `@aad/runtimes` contracts beyond its public entry
 * point (table designs, metric names, the findings event). When runtimes
 * exports them from `@aad/runtimes` directly, only these imports change.
 */
import { AUDIT_TABLE_DESIGN, PROFILE_TABLE_DESIGN } from '@aad/runtimes/lib/audit/table-design';
import { METRIC } from '@aad/runtimes/lib/observability/metric-names';
import {
  FINDING_DETAIL_TYPE,
  FINDING_EVENT_DETAIL_SCHEMA,
  FINDING_EVENT_SOURCE,
} from '@aad/runtimes/lib/publish/finding-event';

export { AUDIT_TABLE_DESIGN, PROFILE_TABLE_DESIGN, METRIC, FINDING_EVENT_SOURCE, FINDING_DETAIL_TYPE };

/** JSON value (schemas are plain data). */
type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/**
 * The findings event as a JSON Schema draft 4 document (the newest draft the
 * EventBridge Schema Registry accepts): the EventBridge envelope with
 * `source`, `detail-type` and the runtimes' detail schema, `const`
 * rewritten as single-value `enum`.
 */
export function findingEventSchemaDraft4(): Record<string, Json> {
  const detail = toDraft4(FINDING_EVENT_DETAIL_SCHEMA as unknown as Json) as Record<string, Json>;
  const { $schema: _schema, $id: _id, title: _title, ...detailBody } = detail;
  void _schema;
  void _id;
  void _title;
  return {
    $schema: 'http://json-schema.org/draft-04/schema#',
    title: 'AAD Finding event',
    type: 'object',
    required: ['version', 'id', 'source', 'detail-type', 'account', 'time', 'region', 'detail'],
    properties: {
      version: { type: 'string' },
      id: { type: 'string' },
      source: { type: 'string', enum: [FINDING_EVENT_SOURCE] },
      'detail-type': { type: 'string', enum: [FINDING_DETAIL_TYPE] },
      account: { type: 'string' },
      time: { type: 'string', format: 'date-time' },
      region: { type: 'string' },
      resources: { type: 'array', items: { type: 'string' } },
      detail: detailBody,
    },
  };
}

function toDraft4(node: Json): Json {
  if (Array.isArray(node)) return node.map(toDraft4);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node as Record<string, Json>)) {
    if (key === 'const') out.enum = [value];
    else out[key] = toDraft4(value);
  }
  return out;
}
