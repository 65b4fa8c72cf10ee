import { beforeEach, expect, it } from 'vitest';
import { serviceRequestSchema } from '../../src/domain/request.js';
import { deferRequest } from '../../src/services/defer-request.js';
import { fileRequest } from '../../src/services/file-request.js';
import { takeRequest } from '../../src/services/take-request.js';
import { findPerson } from '../../src/store/people.js';
import { findEvent, findRequest } from '../../src/store/requests.js';
import { toPerson, toRequest } from '../../src/store/rows.js';
import { describeEachDatabase } from '../support/databases.js';
import { serviceHarness } from '../support/service-harness.js';

const robin = { platform: 'teams' as const, userId: 'aad-robin', name: 'Robin' };
const alex = { platform: 'slack' as const, userId: 'U0ALEX', name: 'Alex' };

describeEachDatabase('rows read by plain SQL', (database) => {
  let h: Awaited<ReturnType<typeof serviceHarness>>;
  let requestId: string;
  beforeEach(async () => {
    h = await serviceHarness(database());
    const { request } = await fileRequest(h.deps, {
      teamId: 'facilities',
      requester: robin,
      category: 'HVAC',
      location: 'HQ Floor 2',
      description: 'Meeting room 2B is freezing',
      neededBy: { choice: 'today' },
      source: { platform: 'teams', entry: 'teams_chat' },
    });
    requestId = request.id;
    await takeRequest(h.deps, { requestId, actor: alex });
    await deferRequest(h.deps, { requestId, actor: alex, until: '2026-11-25', reason: 'Part on order' });
  });

  it('a request, a person and an event read as the zod schemas read them through Prisma', async () => {
    const { sql } = database().sql;
    const { db } = database();
    const request = await findRequest(sql, requestId);
    expect(request).toEqual(toRequest(await db.request.findUniqueOrThrow({ where: { id: requestId } })));
    expect(serviceRequestSchema.parse(request)).toEqual(request);
    // Nulls and non-nulls of every kind are covered: the deferral set its date, acknowledgement its time.
    expect(request).toMatchObject({ status: 'deferred', waitingOn: null, resolvedAt: null });
    expect(request?.deferredUntil).toBeInstanceOf(Date);
    const person = await db.person.findFirstOrThrow({ where: { platformUserId: alex.userId } });
    expect(await findPerson(sql, person.id)).toEqual(toPerson(person));
    const deferred = await db.requestEvent.findFirstOrThrow({ where: { requestId, type: 'deferred' } });
    expect(await findEvent(sql, deferred.id)).toMatchObject({
      id: deferred.id,
      requestId,
      at: deferred.at,
      type: 'deferred',
      fromStatus: 'acknowledged',
      toStatus: 'deferred',
      actor: toPerson(person),
      data: { reason: 'Part on order' },
    });
  });

  it('a value the domain does not know fails loudly, naming the table and column', async () => {
    const { sql } = database().sql;
    await sql.run(`UPDATE requests SET status = 'lost' WHERE id = ?`, requestId);
    await expect(findRequest(sql, requestId)).rejects.toThrow(
      /^requests\.status holds "lost", not one of open, .*deferred/,
    );
    await sql.run(`UPDATE people SET platform = 'fax' WHERE platform_user_id = ?`, alex.userId);
    const person = await database().db.person.findFirstOrThrow({ where: { platformUserId: alex.userId } });
    await expect(findPerson(sql, person.id)).rejects.toThrow(
      'people.platform holds "fax", not one of slack, teams',
    );
  });
});
