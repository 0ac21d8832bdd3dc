export { configSchema, type Config, type ComponentConfig, type ContractConfig, type MonitorConfig } from './schema.ts';
export { parseConfig, formatProblem, formatPath, toPathProblems, type ConfigProblem, type ConfigResult } from './parse.ts';
