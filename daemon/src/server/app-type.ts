import type { HttpBindings } from '@hono/node-server';
import type { Hono } from 'hono';

/** The Hono app routes are mounted on, in a file of its own so that routes and app.ts do not import each other (issue #13). */
export type App = Hono<{ Bindings: HttpBindings }>;
