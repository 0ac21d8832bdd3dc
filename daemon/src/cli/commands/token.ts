import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ROLES, type Role } from '../../auth/roles.ts';
import { createToken, revokeToken } from '../../auth/token.repository.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { openDatabase } from '../../db/open.ts';
import type { CliCommand } from '../command.ts';

const USAGE = `usage: sla token create --role ${ROLES.join('|')} --name NAME [--operator PERSON] [--dir DIR]
       sla token revoke --name NAME [--dir DIR]
The token belongs to operator PERSON (default: NAME); two tokens of one person are one person
to the two-person rules. Uses DATABASE_URL, or the PGlite folder --dir (default ./data). The token is printed once.\n`;

const parse = (args: string[]) =>
  parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, name: { type: 'string' }, operator: { type: 'string' }, dir: { type: 'string', default: './data' } } });

/** `pnpm sla token create --role approver --name ops-b`: prints a new API token once; only its hash is kept. */
export const command: CliCommand = {
  summary: 'create or revoke an operator API token',
  async run(args, io) {
    let parsed: ReturnType<typeof parse>;
    try {
      parsed = parse(args);
    } catch (error) {
      io.stderr(`${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    const [action] = parsed.positionals;
    const { role, name, operator, dir } = parsed.values;
    const problems: string[] = [];
    if (action !== 'create' && action !== 'revoke') problems.push('the action must be create or revoke');
    if (!name || !/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,62}$/.test(name)) problems.push('--name: letters, digits, ".", "_", "@" or "-" (at most 63)');
    if (operator !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,62}$/.test(operator)) problems.push('--operator: letters, digits, ".", "_", "@" or "-" (at most 63)');
    if (action === 'create' && !ROLES.includes(role as Role)) problems.push(`--role: one of ${ROLES.join(', ')}`);
    if (problems.length > 0) {
      io.stderr(`${problems.join('\n')}\n${USAGE}`);
      return 2;
    }
    const url = io.env.DATABASE_URL;
    const opened = await openDatabase(url ? { url } : { dir: resolve(io.cwd, dir!) });
    try {
      await migrateToLatest(opened.db);
      if (action === 'revoke') {
        const revoked = await revokeToken(opened.db, name!, new Date());
        if (!revoked) {
          io.stderr(`no active token named ${name}\n`);
          return 2;
        }
        io.stdout(`revoked ${name}\n`);
        return 0;
      }
      const exists = await opened.db.selectFrom('api_tokens').select('id').where('name', '=', name!).executeTakeFirst();
      if (exists) {
        io.stderr(`a token named ${name} exists already (revoke it first, or pick another name)\n`);
        return 2;
      }
      io.stdout(`${await createToken(opened.db, name!, role as Role, operator ?? name!)}\n`);
      return 0;
    } finally {
      await opened.close();
    }
  },
};
