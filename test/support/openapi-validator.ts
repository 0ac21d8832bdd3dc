import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Schema = Record<string, unknown>;
type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };

/**
 * Checks real responses against a served OpenAPI 3.1 document with Ajv
 * (JSON Schema 2020-12, formats such as date-time checked): the answer's status
 * must be declared, and its JSON body must match that status's schema (issue #19).
 */
export function responseValidator(document: unknown) {
  const doc = document as Doc;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  // The document's shared schemas under their own ids, so `#/components/schemas/X` resolves.
  for (const [name, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(schema, `#/components/schemas/${name}`);
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (method: string, template: string, status: number, body: unknown): string[] => {
    const responses = doc.paths[template]?.[method.toLowerCase()]?.responses;
    if (responses === undefined) return [`${method} ${template}: not in the document`];
    const response = responses[String(status)];
    if (response === undefined) return [`${method} ${template}: ${status} is not declared (declared: ${Object.keys(responses).join(', ')})`];
    const schema = response.content?.['application/json']?.schema;
    if (schema === undefined) return [`${method} ${template} ${status}: no JSON schema`];
    const key = `${method} ${template} ${status}`;
    if (!compiled.has(key)) compiled.set(key, ajv.compile(schema));
    const validate = compiled.get(key)!;
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
  };
}

export type ResponseValidator = ReturnType<typeof responseValidator>;
