import { describe, expect, it } from 'vitest';
import { type LifecycleAction, type LifecycleState, transition } from '../../src/domain/request-lifecycle.js';
import { isAppError } from '../../src/errors.js';

const open: LifecycleState = { status: 'open', assigneeId: null, waitingOn: null };
const until = new Date('2026-11-27T18:00:00Z');

function next(state: LifecycleState, action: LifecycleAction, actor = 'alex'): LifecycleState {
  const result = transition(state, action, actor);
  if (!result.changed) throw new Error('expected a change');
  return result.next;
}

function errorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('request lifecycle', () => {
  it('runs open → acknowledged → in progress → waiting → resolved → closed', () => {
    const acknowledged = next(open, { type: 'acknowledge' });
    expect(acknowledged.status).toBe('acknowledged');
    const started = next(acknowledged, { type: 'start' });
    expect(started.status).toBe('in_progress');
    const waiting = next(started, { type: 'wait', on: 'resources', note: 'parts on order' });
    expect(waiting).toMatchObject({ status: 'waiting', waitingOn: 'resources' });
    const resolved = next(waiting, { type: 'resolve', resolution: 'done' });
    expect(resolved).toMatchObject({ status: 'resolved', waitingOn: null });
    expect(next(resolved, { type: 'close' }).status).toBe('closed');
  });

  it('Take assigns to the clicker and acknowledges an open request', () => {
    expect(next(open, { type: 'take' }, 'alex')).toEqual({
      status: 'acknowledged',
      assigneeId: 'alex',
      waitingOn: null,
    });
  });

  it('a second Take by the same person changes nothing', () => {
    const taken = next(open, { type: 'take' }, 'alex');
    expect(transition(taken, { type: 'take' }, 'alex')).toEqual({ changed: false });
  });

  it('a Take by someone else is refused, naming who has it', () => {
    const taken = next(open, { type: 'take' }, 'alex');
    try {
      transition(taken, { type: 'take' }, 'sam');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'already_taken') && error.details.assigneeId).toBe('alex');
    }
  });

  it('assigning keeps the status of work already under way', () => {
    const started = next(next(open, { type: 'take' }), { type: 'start' });
    expect(next(started, { type: 'assign', assigneeId: 'sam' })).toMatchObject({
      status: 'in_progress',
      assigneeId: 'sam',
    });
  });

  it('deferring and waiting can be followed by resuming work', () => {
    const deferred = next(open, { type: 'defer', until, reason: 'no parts' });
    expect(deferred.status).toBe('deferred');
    expect(next(deferred, { type: 'start' }).status).toBe('in_progress');
  });

  it('resolving an unassigned request makes the resolver its assignee, and a reopen goes back to them', () => {
    const resolved = next(open, { type: 'resolve', resolution: 'done' }, 'sam');
    expect(resolved.assigneeId).toBe('sam');
    expect(next(resolved, { type: 'reopen', reason: 'not fixed' })).toMatchObject({
      status: 'acknowledged',
      assigneeId: 'sam',
    });
  });

  it.each([
    ['reopen an open request', open, { type: 'reopen', reason: null }],
    ['acknowledge twice', { ...open, status: 'acknowledged' }, { type: 'acknowledge' }],
    ['close an open request', open, { type: 'close' }],
    ['resolve a cancelled request', { ...open, status: 'cancelled' }, { type: 'resolve', resolution: 'x' }],
    ['cancel a closed request', { ...open, status: 'closed' }, { type: 'cancel', reason: null }],
    ['defer a resolved request', { ...open, status: 'resolved' }, { type: 'defer', until, reason: 'x' }],
  ] as [string, LifecycleState, LifecycleAction][])(
    'refuses to %s with invalid_transition',
    (_name, state, action) => {
      expect(errorCode(() => transition(state, action, 'alex'))).toBe('invalid_transition');
    },
  );
});
