import { describe, expect, it } from 'vitest';
import { pausesFromEvents } from '../../src/domain/request-sla.js';

const at = (time: string) => new Date(`2026-11-23T${time}:00Z`);

describe('SLA pauses from the event log', () => {
  it('a wait on the requester pauses until the next change of state', () => {
    const pauses = pausesFromEvents([
      { at: at('09:00'), toStatus: 'open', data: {} },
      { at: at('10:00'), toStatus: 'waiting', data: { on: 'requester' } },
      { at: at('12:00'), toStatus: 'in_progress', data: {} },
      { at: at('13:00'), toStatus: 'waiting', data: { on: 'requester' } },
    ]);
    expect(pauses).toEqual([
      { from: at('10:00'), to: at('12:00') },
      { from: at('13:00'), to: null },
    ]);
  });

  it('waiting on resources does not pause the clock, and switching to it ends a pause', () => {
    const pauses = pausesFromEvents([
      { at: at('10:00'), toStatus: 'waiting', data: { on: 'resources' } },
      { at: at('11:00'), toStatus: 'waiting', data: { on: 'requester' } },
      { at: at('11:30'), toStatus: 'waiting', data: { on: 'resources' } },
    ]);
    expect(pauses).toEqual([{ from: at('11:00'), to: at('11:30') }]);
  });
});
