// Scenario 5b, SQLite busy and full: gapdesk on its SQLite file while the file refuses writes.
// Busy: the runner holds the write lock from a connection of its own (BEGIN IMMEDIATE), briefly
// (gapdesk must wait and save) and past gapdesk's busy timeout (gapdesk must refuse). Full: the
// file lives on a small tmpfs that the runner fills to the last byte (ENOSPC, SQLITE_FULL). While
// the file refuses, filings and Takes on Slack and on Teams (the team is on both) must be answered
// within Slack's 3 s with a clear error (Slack: the modal's "did not save", an ephemeral apology;
// Teams: the invoke answered with "did not save" on the chat's form, an apology for a Take) and
// write nothing; once it accepts again, the second Submit files once. At the end nothing is half-written: every request has its event and
// its jobs, no job or key points at a request that is not there.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FakeBotConnector } from '../src/sandbox/fake-bot-connector.js';
import { FakeSlack } from '../src/sandbox/fake-slack.js';
import { SlackRequests } from '../src/sandbox/slack-requests.js';
import { SQLITE_BUSY_TIMEOUT_MS } from '../src/store/sqlite-dialect.js';
import {
  assignedRefs,
  FilingDriver,
  REQUESTERS,
  TeamsFilingDriver,
  waitForCards,
  waitForTeamsCards,
  written,
} from './support/filings.js';
import {
  AGENT,
  type GapdeskProcess,
  isAlive,
  type Sandbox,
  SIGNING_SECRET,
  startGapdesk,
  stopGently,
  TRIAGE_CHANNEL,
} from './support/gapdesk-process.js';
import { jobStatuses } from './support/job-statuses.js';
import { duplicatePosts, triageCardOf } from './support/slack-records.js';
import type { ScenarioResult } from './support/table.js';
import {
  makeTwoPlatformSandbox,
  TeamsDriver,
  teamsDuplicates,
  teamsTriageCard,
} from './support/two-platforms.js';

export type SqliteFaultOptions = { rounds: number; perRound: number };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fault that makes the file refuse writes for a while, and the checks of what it must cause. */
type Fault = {
  name: string;
  /** Starts refusing; resolves with what waits until (or makes) the file accept writes again. */
  begin(): Promise<() => Promise<void>>;
  /**
   * What requests made meanwhile must get: saved (a brief lock is waited for), refused, or
   * either (on a full disk a write that fits in space already allocated still succeeds).
   */
  expect: 'saved' | 'refused' | 'either';
};

async function drive(
  scenario: string,
  sandbox: Sandbox,
  faults: (rounds: number) => Fault[],
  options: SqliteFaultOptions,
  { fake, connector }: Fakes,
): Promise<ScenarioResult> {
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < 12) notes.push(text);
  };
  let server: GapdeskProcess | undefined;
  try {
    server = await startGapdesk(sandbox);
    const driver = new FilingDriver(fake, new SlackRequests(server.url, SIGNING_SECRET));
    await driver.warmUp();
    const teams = new TeamsFilingDriver(connector, new TeamsDriver(() => server?.url ?? '', connector));
    // A form per Teams filing: perRound before each fault and perRound during it (a refused one is filed again from its own).
    await teams.openForms(options.rounds * options.perRound * 2 + 10);
    let wrong = 0;
    const check = (ok: boolean, text: string) => {
      if (ok) return;
      wrong += 1;
      note(text);
    };
    let next = 0;
    const taken = new Set<string>();
    const rounds = faults(options.rounds);
    const apologiesBefore = () =>
      fake.callsTo('chat.postEphemeral').filter((c) => /try again/i.test(fake.visibleText(c))).length;
    let unsavedTakes = 0;
    const takenOnTeams = new Set<string>();
    for (const fault of rounds) {
      // Filed requests whose card is out, for Takes while the file refuses.
      for (let i = 0; i < options.perRound; i++) await driver.file(next++);
      for (let i = 0; i < options.perRound; i++) await teams.file(next++);
      const cards = [...driver.filed.values()].filter((ref) => !taken.has(ref)).slice(0, options.perRound);
      const teamsCards = [...teams.filed.values()]
        .filter((ref) => !takenOnTeams.has(ref))
        .slice(0, options.perRound);
      await waitForCards(fake, cards);
      await waitForTeamsCards(connector, teamsCards);
      const release = await fault.begin();
      const during = Array.from({ length: options.perRound }, () => next++);
      const duringOnTeams = Array.from({ length: options.perRound }, () => next++);
      const apologies = apologiesBefore();
      const [slackAnswers, teamsAnswers, , teamsTakes] = await Promise.all([
        Promise.all(during.map((i) => driver.file(i))),
        Promise.all(duringOnTeams.map((i) => teams.file(i))),
        Promise.all(cards.map(async (ref) => (await driver.take(ref)) && taken.add(ref))),
        Promise.all(teamsCards.map(async (ref) => ({ ref, answer: await teams.take(ref) }))),
      ]);
      await release();
      await pause(500);
      const answers = [...slackAnswers, ...teamsAnswers];
      const filedDuring = answers.filter((a) => a === 'filed').length;
      const refusedDuring = answers.filter((a) => a === 'refused').length;
      check(
        filedDuring + refusedDuring === answers.length,
        `${fault.name}: ${answers.length - filedDuring - refusedDuring} filings neither filed nor refused`,
      );
      if (fault.expect === 'saved')
        check(
          filedDuring === answers.length,
          `${fault.name}: ${filedDuring} of ${answers.length} filings saved`,
        );
      if (fault.expect === 'refused')
        check(
          refusedDuring === answers.length,
          `${fault.name}: ${refusedDuring} of ${answers.length} filings refused`,
        );
      if (fault.expect === 'either') check(refusedDuring > 0, `${fault.name}: no filing refused`);
      // A Take the file refused is answered, then refused in an apology: none may go unsaid.
      const assigned = await assignedRefs(sandbox.databaseUrl);
      const unsaved = cards.filter((ref) => !assigned.has(ref));
      const apologised = apologiesBefore() - apologies;
      unsavedTakes += unsaved.length;
      check(
        apologised === unsaved.length,
        `${fault.name}: ${apologised} apologies for ${unsaved.length} unsaved Takes`,
      );
      for (const ref of unsaved) taken.delete(ref);
      // On Teams the apology is the Take's own answer: a Take answered with its card must be saved,
      // one answered with the apology must have changed nothing.
      for (const { ref, answer } of teamsTakes) {
        if (answer === 'taken') takenOnTeams.add(ref);
        check(
          answer !== 'other' && (answer === 'taken') === assigned.has(ref),
          `${fault.name}: Teams Take on ${ref} answered ${answer}, ${assigned.has(ref) ? '' : 'not '}saved`,
        );
      }
      note(
        `${fault.name}: ${filedDuring} filed, ${refusedDuring} refused of ${answers.length} (${teamsAnswers.filter((a) => a === 'refused').length} of ${teamsAnswers.length} on Teams refused); ${cards.length - unsaved.length} of ${cards.length} Slack and ${teamsTakes.filter((t) => t.answer === 'taken').length} of ${teamsTakes.length} Teams Takes saved`,
      );
      // The file accepts again: the second Submit of each refused filing files it, once.
      for (const i of [...driver.refused]) await driver.file(i);
      for (const i of [...teams.refused.keys()]) await teams.file(i);
      for (const ref of cards) if (!taken.has(ref) && (await driver.take(ref))) taken.add(ref);
      for (const ref of teamsCards)
        if (!takenOnTeams.has(ref) && (await teams.take(ref)) === 'taken') takenOnTeams.add(ref);
    }

    const drainStarted = Date.now();
    let jobs = await jobStatuses(sandbox.databaseUrl);
    while ((jobs.owed ?? 0) > 0 && Date.now() - drainStarted < 60_000) {
      await pause(250);
      jobs = await jobStatuses(sandbox.databaseUrl);
    }
    const rows = await written(sandbox.databaseUrl);
    let lost = 0;
    const lose = (text: string) => {
      lost += 1;
      note(text);
    };
    const byDescription = new Map<string, number>();
    for (const row of rows.requests)
      byDescription.set(row.description, (byDescription.get(row.description) ?? 0) + 1);
    let duplicated = 0;
    for (const [i, ref] of [...driver.filed, ...teams.filed]) {
      const copies = byDescription.get(`sqlite filing ${i}`) ?? 0;
      if (copies === 0) lose(`filing ${i} (${ref}) acknowledged, not in the database`);
      if (copies > 1) {
        duplicated += copies - 1;
        note(`filing ${i} is in the database ${copies} times`);
      }
    }
    for (const i of [...driver.refused, ...teams.refused.keys()])
      lose(`filing ${i} refused and never filed on a second Submit`);
    for (const ref of [...taken, ...takenOnTeams])
      if (!rows.requests.find((r) => r.ref === ref)?.assigned) lose(`Take on ${ref} not persisted`);
    for (const row of rows.requests) {
      if (!triageCardOf(fake, TRIAGE_CHANNEL, row.ref)) lose(`${row.ref}: no Slack triage card posted`);
      if (!teamsTriageCard(connector, row.ref)) lose(`${row.ref}: no Teams triage card posted`);
      check(
        row.events > 0 && row.jobs >= 2,
        `${row.ref} half-written: ${row.events} events, ${row.jobs} jobs`,
      );
    }
    check(rows.orphans === 0, `${rows.orphans} jobs or keys point at no request`);
    const twice = [...duplicatePosts(fake, TRIAGE_CHANNEL), ...teamsDuplicates(connector)];
    duplicated += twice.length;
    for (const text of twice.slice(0, 5)) note(`posted twice: ${text}`);
    check(
      driver.problems.length + teams.problems.length === 0,
      `${driver.problems.length + teams.problems.length} requests not answered in time: ${[...driver.problems, ...teams.problems].slice(0, 3).join('; ')}`,
    );
    check(isAlive(server), `gapdesk died: ${server.stderr.join('').slice(0, 400)}`);
    check((jobs.owed ?? 0) === 0, `queue not drained: ${JSON.stringify(jobs)}`);
    check((jobs.failed ?? 0) === 0, `${jobs.failed} jobs parked`);
    notes.push(`${rows.requests.length} requests in the database; jobs ${JSON.stringify(jobs)}`);
    return {
      scenario,
      sent: driver.sent + teams.sent,
      acknowledged:
        teams.filed.size + teams.takesAcked + driver.filed.size + driver.takesAcked - unsavedTakes,
      faults: rounds.length,
      lost,
      duplicated,
      wrong,
      notes,
    };
  } finally {
    if (server) await stopGently(server);
  }
}

type Fakes = { fake: FakeSlack; connector: FakeBotConnector };

async function withFakes<T>(run: (fakes: Fakes) => Promise<T>): Promise<T> {
  const fake = await FakeSlack.start();
  const connector = await FakeBotConnector.start();
  for (const id of [...REQUESTERS, AGENT]) fake.addUser({ id, name: id.toLowerCase(), tz: 'Europe/London' });
  try {
    return await run({ fake, connector });
  } finally {
    await fake.close();
    await connector.close();
  }
}

/** The runner's own connection holds the write lock: briefly, then past gapdesk's busy timeout. */
export function sqliteBusy(options: SqliteFaultOptions): Promise<ScenarioResult> {
  return withFakes(async (fakes) => {
    const sandbox = makeTwoPlatformSandbox(fakes.fake, fakes.connector, { GAPDESK_JOB_LEASE_SECONDS: '5' });
    const lockFor = (name: string, ms: number, expect: Fault['expect']): Fault => ({
      name,
      expect,
      begin: async () => {
        const locker = new Database(sandbox.databaseUrl.slice('file:'.length));
        locker.exec('BEGIN IMMEDIATE');
        const held = pause(ms).then(() => {
          locker.exec('ROLLBACK');
          locker.close();
        });
        return () => held;
      },
    });
    try {
      return await drive(
        'SQLite busy (write lock held)',
        sandbox,
        (rounds) =>
          Array.from({ length: rounds }, (_, k) =>
            k % 2 === 0
              ? lockFor(`lock ${SQLITE_BUSY_TIMEOUT_MS / 4} ms`, SQLITE_BUSY_TIMEOUT_MS / 4, 'saved')
              : lockFor(
                  `lock ${SQLITE_BUSY_TIMEOUT_MS + 1_500} ms`,
                  SQLITE_BUSY_TIMEOUT_MS + 1_500,
                  'refused',
                ),
          ),
        options,
        fakes,
      );
    } finally {
      sandbox.remove();
    }
  });
}

/** Writes a file of zeros until the file system has no byte left (ENOSPC). */
function fillUp(path: string): void {
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 20, 1 << 12, 1]) {
      const chunk = Buffer.alloc(size);
      for (;;) {
        try {
          if (writeSync(fd, chunk) < size) break;
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The SQLite file on a 16 MB tmpfs that the runner fills up, so SQLite's own writes fail with
 * ENOSPC (SQLITE_FULL) as on a full disk. Mounting needs root; without it the row says skipped.
 */
export function sqliteFull(options: SqliteFaultOptions): Promise<ScenarioResult> {
  return withFakes(async (fakes) => {
    const mount = mkdtempSync(join(tmpdir(), 'gapdesk-chaos-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16m', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      rmSync(mount, { recursive: true, force: true });
      const skipped = 'skipped: mounting a small tmpfs needs root';
      return {
        scenario: 'SQLite disk full',
        sent: 0,
        acknowledged: 0,
        faults: 0,
        lost: 0,
        duplicated: 0,
        wrong: 0,
        notes: [skipped],
      };
    }
    const sandbox = makeTwoPlatformSandbox(fakes.fake, fakes.connector, {
      DATABASE_URL: `file:${join(mount, 'gapdesk.db')}`,
      GAPDESK_JOB_LEASE_SECONDS: '5',
    });
    const filler = join(mount, 'filler');
    const full: Fault = {
      name: 'disk full',
      expect: 'either',
      begin: async () => {
        // As just after one of SQLite's own checkpoints, the log must grow to take a write.
        const runner = new Database(sandbox.databaseUrl.slice('file:'.length));
        runner.pragma('wal_checkpoint(TRUNCATE)');
        runner.close();
        fillUp(filler);
        return async () => unlinkSync(filler);
      },
    };
    try {
      return await drive(
        'SQLite disk full',
        sandbox,
        (rounds) => Array.from({ length: rounds }, () => full),
        options,
        fakes,
      );
    } finally {
      sandbox.remove();
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });
}
