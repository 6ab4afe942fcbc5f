import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { withSystem } from '../../platform/db/tenant.js';
import { enqueueMail } from '../mail/index.js';
import { roleGrants, users } from '../users/index.js';
import { berlinToday } from './grants.access.js';
import { reminderDue } from './grants.rules.js';
import { grants } from './grants.schema.js';

const dateDe = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * Reminds the provider's finance staff (and administrators) of proof-of-use deadlines: once per
 * deadline, from 30 days before it, as mails in the outbox (sent by `serve` when SMTP is set).
 * Idempotent: the grant records when each reminder went out, in the same transaction.
 */
export async function remindGrantDeadlines(db: Db, now = new Date()): Promise<{ reminded: number }> {
  const today = berlinToday(now);
  return withSystem(db, async (tx) => {
    const rows = await tx
      .select()
      .from(grants)
      .where(or(isNotNull(grants.interimProofDue), isNotNull(grants.finalProofDue)))
      .for('update', { skipLocked: true });
    let reminded = 0;
    for (const g of rows) {
      const due = [
        { which: 'interim' as const, date: g.interimProofDue, at: g.interimRemindedAt, label: 'Zwischennachweis', labelEn: 'interim proof of use' },
        { which: 'final' as const, date: g.finalProofDue, at: g.finalRemindedAt, label: 'Verwendungsnachweis', labelEn: 'final proof of use' },
      ].filter((d) => reminderDue(d.date, today, d.at));
      if (due.length === 0) {
        continue;
      }
      const staff = await tx
        .selectDistinct({ id: users.id, email: users.email, name: users.name, locale: users.locale })
        .from(users)
        .innerJoin(roleGrants, eq(roleGrants.userId, users.id))
        .where(and(eq(roleGrants.orgId, g.orgId), inArray(roleGrants.role, ['provider_finance', 'provider_admin']), eq(users.active, true)));
      for (const d of due) {
        const overdue = today > d.date!;
        await enqueueMail(
          tx,
          staff.map((u) => {
            const de = u.locale !== 'en';
            return {
              orgId: g.orgId,
              providerId: g.orgId,
              kind: 'grant_deadline' as const,
              toAddress: u.email,
              toName: u.name,
              toUserId: u.id,
              locale: de ? 'de' : 'en',
              subject: de
                ? `${d.label} ${overdue ? 'überfällig' : 'fällig'} am ${dateDe(d.date!)}: ${g.fileReference}`
                : `${d.labelEn} ${overdue ? 'overdue' : 'due'} on ${d.date}: ${g.fileReference}`,
              textBody: de
                ? `Für die Zuwendung „${g.title}“ (Az. ${g.fileReference}) ist der ${d.label} am ${dateDe(d.date!)} bei ${g.authority} einzureichen.\n\nSachbericht, zahlenmäßiger Nachweis und Belegliste erzeugt Verbund unter Fördermittel → ${g.title} → Verwendungsnachweis.`
                : `The ${d.labelEn} of the grant "${g.title}" (ref. ${g.fileReference}) is due at ${g.authority} on ${d.date}.\n\nVerbund produces the report, the numerical proof and the list of receipts under Grants → ${g.title} → Proof of use.`,
            };
          }),
        );
        await tx
          .update(grants)
          .set(d.which === 'interim' ? { interimRemindedAt: now } : { finalRemindedAt: now })
          .where(eq(grants.id, g.id));
        reminded += 1;
      }
    }
    return { reminded };
  });
}
