export * from './domain/sets.ts';
export * from './config/index.ts';
export * from './engine/index.ts';
