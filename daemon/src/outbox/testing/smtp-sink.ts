import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 for the outbox's tests (issue #15): it keeps
 * what it accepted, parsed, and answers RCPT with the reply `refuse` gives.
 */
export async function smtpSink() {
  const received: ParsedMail[] = [];
  let refuse: ((to: string) => { code: number; text: string } | undefined) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      const reply = refuse?.(address.address);
      if (reply === undefined) return callback();
      return callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    refuseWith: (f: typeof refuse) => {
      refuse = f;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
