import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.js';

describe('FakeClock', () => {
  it('starts where it is told and moves only on advance', () => {
    const clock = new FakeClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
    clock.advanceTo(2000);
    expect(clock.now()).toBe(2000);
  });

  it('fires due timers in due order, each at its own due time', () => {
    const clock = new FakeClock(0);
    const fired: Array<[string, number]> = [];
    clock.setTimer(300, () => fired.push(['c', clock.now()]));
    clock.setTimer(100, () => fired.push(['a', clock.now()]));
    clock.setTimer(200, () => fired.push(['b', clock.now()]));
    clock.setTimer(900, () => fired.push(['late', clock.now()]));
    clock.advance(500);
    expect(fired).toEqual([['a', 100], ['b', 200], ['c', 300]]);
    expect(clock.now()).toBe(500);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextTimerAt()).toBe(900);
  });

  it('fires timers with the same due time in the order they were set', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    clock.setTimer(50, () => fired.push('first'));
    clock.setTimer(50, () => fired.push('second'));
    clock.advance(50);
    expect(fired).toEqual(['first', 'second']);
  });

  it('fires timers that callbacks set inside the window, and not those beyond it', () => {
    const clock = new FakeClock(0);
    const fired: Array<[string, number]> = [];
    clock.setTimer(100, () => {
      fired.push(['outer', clock.now()]);
      clock.setTimer(clock.now() + 50, () => fired.push(['inner', clock.now()]));
      clock.setTimer(clock.now() + 500, () => fired.push(['beyond', clock.now()]));
    });
    clock.advance(200);
    expect(fired).toEqual([['outer', 100], ['inner', 150]]);
    expect(clock.nextTimerAt()).toBe(600);
  });

  it('fires a timer set in the past at the current time on the next advance', () => {
    const clock = new FakeClock(1000);
    let firedAt: number | undefined;
    clock.setTimer(10, () => {
      firedAt = clock.now();
    });
    expect(firedAt).toBeUndefined();
    clock.advance(0);
    expect(firedAt).toBe(1000);
  });

  it('does not fire cleared timers', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    const a = clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(20, () => fired.push('b'));
    clock.clearTimer(a);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(100);
    expect(fired).toEqual(['b']);
    expect(clock.pendingTimers()).toBe(0);
    expect(clock.nextTimerAt()).toBeUndefined();
  });

  it('lets a callback clear a later timer of the same window', () => {
    const clock = new FakeClock(0);
    const fired: string[] = [];
    const later = clock.setTimer(20, () => fired.push('later'));
    clock.setTimer(10, () => {
      fired.push('first');
      clock.clearTimer(later);
    });
    clock.advance(30);
    expect(fired).toEqual(['first']);
  });

  it('refuses to go back in time or to move by a negative amount', () => {
    const clock = new FakeClock(100);
    expect(() => clock.advanceTo(99)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(clock.now()).toBe(100);
  });

  it('gives each timer its own handle id', () => {
    const clock = new FakeClock();
    const a = clock.setTimer(1, () => undefined);
    const b = clock.setTimer(1, () => undefined);
    expect(a.id).not.toBe(b.id);
  });
});
