import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('fires timers in time order only when stepped past them', () => {
    const clock = new VirtualClock(0);
    const fired: string[] = [];
    clock.setTimer(200, () => fired.push('b'));
    clock.setTimer(100, () => fired.push('a'));
    clock.step(150);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(150);
    clock.step(50);
    expect(fired).toEqual(['a', 'b']);
  });

  it('does not fire stopped timers', () => {
    const clock = new VirtualClock(0);
    let fired = false;
    clock.setTimer(10, () => (fired = true)).stop();
    clock.step(100);
    expect(fired).toBe(false);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('runs async chains woken by timers during advance', async () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    void (async () => {
      await clock.sleep(10);
      seen.push(clock.now());
      await clock.sleep(10);
      seen.push(clock.now());
    })();
    await clock.advance(25);
    expect(seen).toEqual([10, 20]);
  });
});
