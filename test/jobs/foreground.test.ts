import { expect, it } from 'vitest';
import { Foreground } from '../../src/jobs/foreground.js';

const eventLoopTurns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

it('a background step waits while a request is being answered, and starts once it is', async () => {
  const foreground = new Foreground(10_000);
  const leave = foreground.enter();
  let started = false;
  const step = foreground.turn().then(() => {
    started = true;
  });
  await eventLoopTurns(20);
  expect(started).toBe(false);
  leave();
  await step;
  expect(started).toBe(true);
});

it('leaving twice counts once, so a second request still holds the worker back', async () => {
  const foreground = new Foreground(10_000);
  const first = foreground.enter();
  foreground.enter();
  first();
  first();
  let started = false;
  foreground.turn().then(() => {
    started = true;
  });
  await eventLoopTurns(20);
  expect(started).toBe(false);
});

it('under a flood that never pauses, a step still starts after the longest wait', async () => {
  const foreground = new Foreground(20);
  foreground.enter();
  const before = performance.now();
  await foreground.turn();
  expect(performance.now() - before).toBeGreaterThanOrEqual(19);
});

it('steps are granted one at a time, in the order they were asked for', async () => {
  const foreground = new Foreground();
  const order: string[] = [];
  const leave = foreground.enter();
  const steps = ['claim', 'job 1', 'job 2'].map((name) => foreground.turn().then(() => order.push(name)));
  await eventLoopTurns(5);
  expect(order).toEqual([]);
  leave();
  await Promise.all(steps);
  expect(order).toEqual(['claim', 'job 1', 'job 2']);
});
