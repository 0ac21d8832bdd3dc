import { lazyModule } from '@sla/shared/modules/lazy.ts';

// undici (109 modules) loads with the first probe that needs it — https, a
// kept-alive connection: plain http probes on their own connection never do
// (issue #13).
export const undici = lazyModule<typeof import('undici')>('undici', import.meta.url);
