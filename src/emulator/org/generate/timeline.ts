import type { Random } from '../random';

const SECOND = 1000;
export const DAY = 86_400_000;

/**
 * `count` creation instants spread over the `days` before `now`, ascending, in whole seconds. About one in
 * eight repeats the previous instant, because rows sharing a timestamp are what makes `>` lose data.
 */
export function creationTimes(random: Random, count: number, nowMs: number, days = 90): Float64Array {
  const times = new Float64Array(count);
  const start = Math.floor((nowMs - days * DAY) / SECOND);
  const end = Math.floor(nowMs / SECOND) - 60;
  for (let i = 0; i < count; i++) times[i] = start + Math.floor(random.next() * (end - start));
  times.sort();
  for (let i = 1; i < count; i++) {
    if (random.chance(0.12)) times[i] = times[i - 1]!;
  }
  for (let i = 0; i < count; i++) times[i] = times[i]! * SECOND;
  return times;
}

/** A later modification instant: most records changed after creation, never after `now`. */
export function modifiedAfter(random: Random, createdMs: number, nowMs: number): number {
  if (random.chance(0.3)) return createdMs;
  const room = Math.max(0, nowMs - 60 * SECOND - createdMs);
  const delta = random.chance(0.5) ? random.int(1, 3600) * SECOND : Math.floor(random.next() * Math.min(room, 20 * DAY));
  return Math.min(createdMs + delta, createdMs + room);
}
