export { configSchema, type Config, type ComponentConfig, type ContractConfig, type MonitorConfig } from './schema.ts';
export { parseConfig, formatProblem, formatPath, type ConfigProblem, type ConfigResult } from './parse.ts';
