import { describe, expect, it } from 'vitest';
import { InvalidTargetError, parseHostPort } from './target.ts';

describe('parseHostPort', () => {
  it.each([
    ['example.com:443', { host: 'example.com', port: 443 }],
    ['127.0.0.1:53', { host: '127.0.0.1', port: 53 }],
    ['[::1]:8443', { host: '::1', port: 8443 }],
  ])('%s', (target, parsed) => expect(parseHostPort(target)).toEqual(parsed));

  it.each(['example.com', 'example.com:0', 'example.com:70000', '::1:443', 'http://x:80', ':80'])(
    'rejects %s as a bug of the config, not a target failure',
    (target) => expect(() => parseHostPort(target)).toThrow(InvalidTargetError),
  );
});
