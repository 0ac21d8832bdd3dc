// The public API's response schemas (issue #5): the daemon's routes produce
// these shapes and the status site's client validates them.
export * from './components.ts';
export * from './component-page.ts';
export * from './fields.ts';
export * from './force-majeure.ts';
export * from './incidents.ts';
export * from './maintenance.ts';
export * from './overview.ts';
export * from './sets.ts';
export * from './statuspage.ts';
