import type { CaseFile } from '@sla/shared';
import type { CaseMaintenance } from '@sla/shared/case-file/schema.ts';
import type { Kysely } from 'kysely';
import { recordAudits, type AuditRecord } from '../audit/audit.repository.ts';
import type { Database } from '../db/database.ts';
import { insertRecordedOutage, lockComponents, overlappingOutage } from '../outages/recorded-outage.repository.ts';

/** What one import wrote, per kind; `unchanged` counts the facts an earlier import of the same ids already holds. */
export interface ImportCounts {
  contractStates: number;
  outages: number;
  maintenance: number;
  forceMajeure: number;
  bugs: number;
  bugOccurrences: number;
  breaches: number;
  tickets: number;
  unchanged: number;
}

export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; problems: string[] };

class Refused extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super('import refused');
    this.problems = problems;
  }
}

const at = (seconds: number) => new Date(seconds * 1000);
const same = (a: Date | null, seconds: number | undefined) => (a === null ? seconds === undefined : seconds !== undefined && a.getTime() === seconds * 1000);

/**
 * `sla facts import` (docs/contract.md §1.5): a parsed case file's facts into
 * the stores, in one transaction, all or nothing, for historical data. Each
 * fact's case-file id is its `external_ref` (unique per kind), so importing
 * the same file again changes nothing; an id imported before with other
 * values is a problem, never an edit. Contracts and components must exist
 * already (a case file has no customer's name) and agree on what decides
 * money; their missing states are added. Outages come in as recorded ones,
 * under the same rule as POST /api/v1/outages: none may overlap a stored
 * outage on its component. Every row written is audited as `actor`; `source`
 * says where the file came from and is each imported outage's evidence.
 * Problems name their path in the case file.
 */
export async function importCaseFile(db: Kysely<Database>, file: CaseFile, source: string, actor: string, now: Date): Promise<ImportResult> {
  try {
    const counts = await db.transaction().execute(async (tx) => {
      const importer = new Importer(tx, source, actor, now);
      await importer.run(file);
      if (importer.problems.length > 0) throw new Refused(importer.problems);
      await recordAudits(tx, importer.audits);
      return importer.counts;
    });
    return { ok: true, counts };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, problems: error.problems };
    throw error;
  }
}

class Importer {
  readonly problems: string[] = [];
  readonly audits: AuditRecord[] = [];
  readonly counts: ImportCounts = { contractStates: 0, outages: 0, maintenance: 0, forceMajeure: 0, bugs: 0, bugOccurrences: 0, breaches: 0, tickets: 0, unchanged: 0 };
  /** Contracts the daemon does not hold: their bugs, breaches and tickets wait (a problem names each contract). */
  private readonly missing = new Set<string>();
  private readonly tx: Kysely<Database>;
  private readonly source: string;
  private readonly actor: string;
  private readonly now: Date;
  constructor(tx: Kysely<Database>, source: string, actor: string, now: Date) {
    this.tx = tx;
    this.source = source;
    this.actor = actor;
    this.now = now;
  }

  private audit(entity: string, entityId: number | string, after: unknown) {
    this.audits.push({ actor: this.actor, action: `${entity}.import`, entity, entityId, after: { ...(after as object), source: this.source } });
  }

  /** An id already imported: nothing to do when it holds the same values, a problem when not. */
  private known(path: string, id: string, equal: boolean): true {
    if (equal) this.counts.unchanged += 1;
    else this.problems.push(`${path}: "${id}" was imported before with other values; a case file's id is one fact, never edited by an import`);
    return true;
  }

  async run(file: CaseFile) {
    await this.components(file);
    await this.contracts(file);
    await this.outages(file);
    await this.windows(file);
    await this.forceMajeure(file);
    await this.bugs(file);
    await this.breaches(file);
    await this.tickets(file);
  }

  private async components(file: CaseFile) {
    const stored = new Map((await this.tx.selectFrom('components').select(['id', 'tier']).execute()).map((c) => [c.id, c.tier]));
    file.components.forEach((c, i) => {
      const tier = stored.get(c.id);
      if (tier === undefined) this.problems.push(`components[${i}].id: unknown component "${c.id}": components come from the daemon's config`);
      else if (tier !== c.tier) this.problems.push(`components[${i}].tier: "${c.id}" is ${tier} in the daemon's config, not ${c.tier}`);
    });
  }

  private async contracts(file: CaseFile) {
    for (const [i, c] of file.contracts.entries()) {
      const stored = await this.tx.selectFrom('contracts').selectAll().where('id', '=', c.id).forUpdate().executeTakeFirst();
      if (stored === undefined) {
        this.problems.push(`contracts[${i}].id: no contract "${c.id}" in the daemon: create it first (sla contracts create); a case file has no customer`);
        this.missing.add(c.id);
        continue;
      }
      const covered = (await this.tx.selectFrom('contract_components').select('component_id').where('contract_id', '=', c.id).execute()).map((r) => r.component_id).sort();
      if (BigInt(stored.annual_fee_vnd) !== c.annualFeeVnd) this.problems.push(`contracts[${i}].annualFeeVnd: ${c.annualFeeVnd} differs from the stored contract's ${stored.annual_fee_vnd}: change it with sla contracts change`);
      if (stored.time_zone !== c.timeZone) this.problems.push(`contracts[${i}].timeZone: ${c.timeZone} differs from the stored contract's ${stored.time_zone}`);
      if (stored.credit_as !== c.creditAs) this.problems.push(`contracts[${i}].creditAs: ${c.creditAs} differs from the stored contract's ${stored.credit_as}`);
      if ([...c.components].sort().join() !== covered.join()) this.problems.push(`contracts[${i}].components: [${c.components.join(', ')}] differ from the stored contract's [${covered.join(', ')}]`);
      const states = new Map((await this.tx.selectFrom('contract_states').select(['state', 'effective_at']).where('contract_id', '=', c.id).execute()).map((s) => [s.effective_at.getTime(), s.state]));
      for (const [j, s] of c.states.entries()) {
        const state = states.get(s.from * 1000);
        if (state !== undefined) {
          if (state === s.state) this.counts.unchanged += 1;
          else this.problems.push(`contracts[${i}].states[${j}]: the stored contract is ${state} from that instant, not ${s.state}`);
          continue;
        }
        await this.tx.insertInto('contract_states').values({ contract_id: c.id, state: s.state, effective_at: at(s.from), recorded_by: this.actor }).execute();
        this.audit('contract', c.id, { state: s.state, effectiveAt: at(s.from).toISOString() });
        this.counts.contractStates += 1;
      }
    }
  }

  private async outages(file: CaseFile) {
    await lockComponents(this.tx, file.outages.map((o) => o.component));
    for (const [i, o] of file.outages.entries()) {
      const stored = await this.tx.selectFrom('outages').selectAll().where('external_ref', '=', o.id).executeTakeFirst();
      const start = at(o.start);
      const end = at(o.end);
      if (stored !== undefined) {
        this.known(`outages[${i}]`, o.id, stored.component_id === o.component && stored.impact === o.impact && same(stored.started_at, o.start) && same(stored.ended_at, o.end) && stored.class_override === (o.class ?? null));
        continue;
      }
      const overlapping = await overlappingOutage(this.tx, [o.component], start, end);
      if (overlapping !== undefined) {
        this.problems.push(`outages[${i}]: overlaps outage ${overlapping.id} on ${o.component} (${overlapping.started_at.toISOString()} – ${overlapping.ended_at?.toISOString() ?? 'still open'}); no minute is credited twice`);
        continue;
      }
      const reason = `imported from a case file${o.recordedBy === undefined ? '' : `, recorded by ${o.recordedBy}`}`;
      // insertRecordedOutage audits it as `outage.record`: the importer recorded it.
      await insertRecordedOutage(this.tx, o.component, { start, end, impact: o.impact, class: o.class, reason, evidence: this.source, externalRef: o.id }, this.actor);
      this.counts.outages += 1;
    }
  }

  private async windows(file: CaseFile) {
    for (const [i, w] of file.maintenance.entries()) {
      const stored = await this.tx.selectFrom('maintenance_windows').selectAll().where('external_ref', '=', w.id).executeTakeFirst();
      if (stored !== undefined) {
        this.known(`maintenance[${i}]`, w.id, stored.kind === w.kind && same(stored.starts_at, w.start) && same(stored.ends_at, w.end));
        continue;
      }
      if (w.end <= w.start) {
        this.problems.push(`maintenance[${i}].end: must be after start to be stored`);
        continue;
      }
      const row = await this.tx
        .insertInto('maintenance_windows')
        .values({ kind: w.kind, title: `Maintenance ${w.id}`, starts_at: at(w.start), ends_at: at(w.end), created_by: this.actor, updated_at: this.now, external_ref: w.id, ...recurrenceColumns(w) })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (w.components.length > 0) await this.tx.insertInto('maintenance_components').values(w.components.map((component_id) => ({ window_id: row.id, component_id }))).execute();
      // A case file does not say how a notice went out: the customer was e-mailed is the reading that claims least.
      // Whether it was delivered or declared it does say (issue #15), and that is kept.
      const delivered = [...w.delivered];
      const provenance = (n: number) => {
        const i = delivered.indexOf(n);
        if (i === -1) return 'declared' as const;
        delivered.splice(i, 1);
        return 'delivered' as const;
      };
      if (w.notices.length > 0) await this.tx.insertInto('maintenance_notices').values(w.notices.map((n) => ({ window_id: row.id, sent_at: at(n), channel: 'email' as const, provenance: provenance(n), recorded_by: this.actor }))).execute();
      this.audit('maintenance', row.id, { ref: w.id, kind: w.kind, components: w.components, notices: w.notices.length });
      this.counts.maintenance += 1;
    }
  }

  private async forceMajeure(file: CaseFile) {
    for (const [i, f] of file.forceMajeure.entries()) {
      const stored = await this.tx.selectFrom('force_majeure').selectAll().where('external_ref', '=', f.id).executeTakeFirst();
      if (stored !== undefined) {
        this.known(`forceMajeure[${i}]`, f.id, stored.category === f.category && same(stored.starts_at, f.start) && same(stored.ends_at, f.end) && stored.approved_by === (f.approvedBy ?? null));
        continue;
      }
      if (f.end <= f.start) {
        this.problems.push(`forceMajeure[${i}].end: must be after start to be stored`);
        continue;
      }
      const row = await this.tx
        .insertInto('force_majeure')
        .values({
          category: f.category,
          description: `Force majeure ${f.id}`,
          evidence: this.source,
          components: f.components === undefined ? null : JSON.stringify(f.components),
          starts_at: at(f.start),
          ends_at: at(f.end),
          declared_by: f.declaredBy,
          approved_by: f.approvedBy ?? null,
          approved_at: f.approvedBy === undefined ? null : this.now,
          external_ref: f.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.audit('force_majeure', row.id, { ref: f.id, declaredBy: f.declaredBy, approvedBy: f.approvedBy ?? null });
      this.counts.forceMajeure += 1;
    }
  }

  private async bugs(file: CaseFile) {
    for (const [i, b] of file.bugs.entries()) {
      if (this.missing.has(b.contract)) continue;
      const stored = await this.tx.selectFrom('bugs').selectAll().where('external_ref', '=', b.id).executeTakeFirst();
      let bugId = stored?.id;
      let have: Array<{ reported_at: Date; fixed_at: Date | null }> = [];
      if (stored !== undefined) {
        if (stored.contract_id !== b.contract) {
          this.known(`bugs[${i}]`, b.id, false);
          continue;
        }
        have = await this.tx.selectFrom('bug_occurrences').select(['reported_at', 'fixed_at']).where('bug_id', '=', stored.id).orderBy('reported_at').orderBy('id').execute();
        // One list must begin the other: the file's later occurrences are added (the bug came back since); an older file changes nothing.
        const shared = Math.min(have.length, b.occurrences.length);
        const agree = have.slice(0, shared).every((o, j) => same(o.reported_at, b.occurrences[j]!.reportedAt) && same(o.fixed_at, b.occurrences[j]!.fixedAt));
        if (!agree || have.length >= b.occurrences.length) {
          this.known(`bugs[${i}]`, b.id, agree);
          continue;
        }
      } else {
        bugId = (await this.tx.insertInto('bugs').values({ contract_id: b.contract, title: `Bug ${b.id}`, created_by: this.actor, external_ref: b.id }).returning('id').executeTakeFirstOrThrow()).id;
        this.counts.bugs += 1;
      }
      const fresh = b.occurrences.slice(have.length);
      await this.tx.insertInto('bug_occurrences').values(fresh.map((o) => ({ bug_id: bugId!, reported_at: at(o.reportedAt), fixed_at: o.fixedAt === undefined ? null : at(o.fixedAt), recorded_by: this.actor }))).execute();
      this.audit('bug', bugId!, { ref: b.id, contract: b.contract, occurrences: fresh.length });
      this.counts.bugOccurrences += fresh.length;
    }
  }

  private async breaches(file: CaseFile) {
    for (const [i, b] of file.breaches.entries()) {
      if (this.missing.has(b.contract)) continue;
      const stored = await this.tx.selectFrom('breaches').selectAll().where('external_ref', '=', b.id).executeTakeFirst();
      if (stored !== undefined) {
        this.known(`breaches[${i}]`, b.id, stored.contract_id === b.contract && same(stored.occurred_at, b.at) && stored.approved_by === (b.approvedBy ?? null));
        continue;
      }
      if (b.approvedBy === b.declaredBy) {
        this.problems.push(`breaches[${i}].approvedBy: ${b.declaredBy} declared it and cannot also approve it (docs/contract.md §1.3)`);
        continue;
      }
      const row = await this.tx
        .insertInto('breaches')
        .values({
          contract_id: b.contract,
          occurred_at: at(b.at),
          description: `Breach ${b.id}`,
          evidence: b.evidence,
          declared_by: b.declaredBy,
          approved_by: b.approvedBy ?? null,
          approved_at: b.approvedBy === undefined ? null : this.now,
          external_ref: b.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.audit('breach', row.id, { ref: b.id, contract: b.contract, declaredBy: b.declaredBy, approvedBy: b.approvedBy ?? null });
      this.counts.breaches += 1;
    }
  }

  private async tickets(file: CaseFile) {
    for (const [i, t] of (file.tickets ?? []).entries()) {
      if (this.missing.has(t.contract)) continue;
      const stored = await this.tx.selectFrom('tickets').selectAll().where('external_ref', '=', t.id).executeTakeFirst();
      const instants = (r: { confirmed_at: Date | null; first_response_at: Date | null; acknowledged_at: Date | null; resolved_at: Date | null }) =>
        same(r.confirmed_at, t.confirmedAt) && same(r.first_response_at, t.firstResponseAt) && same(r.acknowledged_at, t.acknowledgedAt) && same(r.resolved_at, t.resolvedAt);
      if (stored !== undefined) {
        this.known(`tickets[${i}]`, t.id, stored.contract_id === t.contract && stored.class === t.class && stored.channel === t.channel && same(stored.received_at, t.receivedAt) && instants(stored));
        continue;
      }
      const instant = (s: number | undefined) => (s === undefined ? null : at(s));
      const row = await this.tx
        .insertInto('tickets')
        .values({
          contract_id: t.contract,
          title: `Ticket ${t.id}`,
          class: t.class,
          channel: t.channel,
          received_at: at(t.receivedAt),
          confirmed_at: instant(t.confirmedAt),
          first_response_at: instant(t.firstResponseAt),
          acknowledged_at: instant(t.acknowledgedAt),
          resolved_at: instant(t.resolvedAt),
          created_by: this.actor,
          external_ref: t.id,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      this.audit('ticket', row.id, { ref: t.id, contract: t.contract });
      this.counts.tickets += 1;
    }
  }
}

/** Issue #16: a recurring window is stored with its rule, as the maintenance route stores one, never as its first night alone. */
function recurrenceColumns(w: CaseMaintenance) {
  const r = w.recurrence;
  return r === undefined ? {} : { rrule: r.rrule, time_zone: r.timeZone, duration: r.duration.toString(), exdates: [...r.exdates].sort() };
}
