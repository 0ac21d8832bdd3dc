export * from './domain/sets.ts';
