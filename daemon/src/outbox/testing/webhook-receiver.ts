import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
  /** What the `standardwebhooks` library's verify returned (the parsed JSON), or the error it threw. */
  verified: unknown;
}

/**
 * A real HTTP endpoint on 127.0.0.1 for the outbox's webhook tests (issue
 * #15): it checks each POST's Standard Webhooks signature with the library
 * receivers use, keeps what came, and answers `answer` (204 unless set) with
 * a body the sender must not read.
 */
export async function webhookReceiver(secret: string) {
  const verifier = new Webhook(secret);
  const received: ReceivedWebhook[] = [];
  const state = { answer: 204 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      received.push({ body, headers: req.headers, verified: verifyWith(verifier, body, req.headers) });
      res.writeHead(state.answer).end('x'.repeat(100_000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    /** What verifying `r` with another secret gives (packages outside daemon/ do not see the library). */
    verifiedWith: (otherSecret: string, r: ReceivedWebhook) => verifyWith(new Webhook(otherSecret), r.body, r.headers),
    answerWith: (status: number) => {
      state.answer = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function verifyWith(verifier: Webhook, body: string, headers: IncomingHttpHeaders): unknown {
  try {
    return verifier.verify(body, headers as Record<string, string>);
  } catch (error) {
    return error;
  }
}
