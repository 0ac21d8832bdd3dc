import type { LinkKey } from '../subscribers/messages.ts';
import type { ServerDeps } from './deps.ts';

/** The origin and key of subscription links, or undefined when the config offers no subscriptions (issue #15). */
export function subscriptionLinks(deps: Pick<ServerDeps, 'subscriptionKey' | 'publicUrl'>): LinkKey | undefined {
  const secret = deps.subscriptionKey?.();
  return secret ? { origin: deps.publicUrl(), secret } : undefined;
}
