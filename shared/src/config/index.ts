export { configSchema, type Config, type ComponentConfig, type ContractConfig, type MaintenanceSeed, type MonitorConfig } from './schema.ts';
export { parseConfig, parseConfigDocument, configFromDocument, formatProblem, formatPath, toPathProblems, type ConfigProblem, type ConfigResult, type ConfigDocumentResult } from './parse.ts';
export { HTTP_METHODS, type HttpMethod } from './http-fields.ts';
export type { Env } from './secrets.ts';
export { canariesOf, configWarnings, type ConfigWarning } from './warnings.ts';
export { ALERT_EVENTS, type AlertEvent, type AlertRoute, WEBHOOK_EVENTS, type WebhookEvent } from './notify.ts';
