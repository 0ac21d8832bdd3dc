// A loopback UDP DNS server for the dns prober's tests: answers A queries from
// a zone, NXDOMAIN for unknown names, nothing at all for `silent` names, and
// for `malformed` names a reply that announces an answer it does not hold.
import dgram from 'node:dgram';

export interface DnsServer {
  /** 'ip:port', as DnsSpec.server takes it. */
  address: string;
  /** Queries received, to prove the prober asked this server. */
  queries: () => number;
  close: () => Promise<void>;
}

const TYPE_A = 1;
const RCODE_NXDOMAIN = 3;

export async function startDnsServer(zone: Record<string, string[]>, silent: string[] = [], malformed: string[] = []): Promise<DnsServer> {
  const socket = dgram.createSocket('udp4');
  let queries = 0;
  socket.on('message', (query, peer) => {
    queries += 1;
    const question = parseQuestion(query);
    if (!question || silent.includes(question.name)) return;
    if (malformed.includes(question.name)) return void socket.send(truncated(query), peer.port, peer.address);
    const addresses = zone[question.name];
    const answers = addresses && question.type === TYPE_A ? addresses : [];
    const reply = respond(query, question.end, addresses ? 0 : RCODE_NXDOMAIN, answers);
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries: () => queries,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** The first question: lowercased name, type, and the offset just past it. */
function parseQuestion(query: Buffer): { name: string; type: number; end: number } | undefined {
  const labels: string[] = [];
  let offset = 12; // fixed header
  while (offset < query.length && query[offset] !== 0) {
    const length = query[offset]!;
    labels.push(query.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  if (offset + 5 > query.length) return undefined;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}

/** The query's header as a reply claiming one answer, and nothing after it: c-ares cannot parse it. */
function truncated(query: Buffer): Buffer {
  const header = Buffer.from(query.subarray(0, 12));
  header[2] = 0x81; // QR, recursion desired
  header[3] = 0x80; // recursion available, NOERROR
  header.writeUInt16BE(1, 6);
  return header;
}

function respond(query: Buffer, questionEnd: number, rcode: number, addresses: string[]): Buffer {
  const header = Buffer.alloc(12);
  query.copy(header, 0, 0, 2); // id
  const recursionDesired = query[2]! & 0x01;
  header[2] = 0x84 | recursionDesired; // QR, authoritative
  header[3] = 0x80 | rcode; // recursion available
  header.writeUInt16BE(1, 4); // one question
  header.writeUInt16BE(addresses.length, 6);
  const answers = addresses.map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // name: pointer to the question's name
    record.writeUInt16BE(TYPE_A, 2);
    record.writeUInt16BE(1, 4); // class IN
    record.writeUInt32BE(60, 6); // TTL
    record.writeUInt16BE(4, 10);
    address.split('.').forEach((octet, i) => { record[12 + i] = Number(octet); });
    return record;
  });
  return Buffer.concat([header, query.subarray(12, questionEnd), ...answers]);
}
