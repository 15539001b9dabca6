import fc from 'fast-check';
import { backoffDelay, isRetryableAwsError, mapWithConcurrency, withRetries } from '../../src/aws/retry';

const named = (name: string, extra: object = {}): Error => Object.assign(new Error(name), { name, ...extra });

describe('withRetries', () => {
  it.each(['ProvisionedThroughputExceededException', 'ThrottlingException', 'InternalServerError'])(
    'retries %s and returns the eventual result',
    async (name) => {
      const fn = jest.fn().mockRejectedValueOnce(named(name)).mockRejectedValueOnce(named(name)).mockResolvedValue(7);
      await expect(withRetries(fn, { sleep: async () => undefined })).resolves.toBe(7);
      expect(fn).toHaveBeenCalledTimes(3);
    },
  );

  it('does not retry a permanent error', async () => {
    const fn = jest.fn().mockRejectedValue(named('ValidationException'));
    await expect(withRetries(fn, { sleep: async () => undefined })).rejects.toThrow('ValidationException');
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('gives up after maxAttempts', async () => {
    const fn = jest.fn().mockRejectedValue(named('ThrottlingException'));
    await expect(withRetries(fn, { maxAttempts: 4, sleep: async () => undefined })).rejects.toThrow();
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('sleeps a growing, jittered delay between attempts', async () => {
    const delays: number[] = [];
    const fn = jest
      .fn()
      .mockRejectedValueOnce(named('Throttling'))
      .mockRejectedValueOnce(named('Throttling'))
      .mockResolvedValue(1);
    await withRetries(fn, { random: () => 0.5, baseDelayMs: 100, sleep: async (ms) => void delays.push(ms) });
    expect(delays).toEqual([50, 100]);
  });
});

describe('isRetryableAwsError', () => {
  it.each([
    [named('X', { $metadata: { httpStatusCode: 503 } }), true],
    [named('X', { $metadata: { httpStatusCode: 429 } }), true],
    [named('X', { $retryable: { throttling: true } }), true],
    [named('X', { $metadata: { httpStatusCode: 400 } }), false],
    ['text', false],
    [null, false],
  ])('classifies %p as %p', (error, expected) => {
    expect(isRetryableAwsError(error)).toBe(expected);
  });
});

describe('backoffDelay', () => {
  it('stays within [0, min(cap, base * 2^retry))', () => {
    fc.assert(
      fc.property(fc.nat(30), fc.double({ min: 0, max: 0.999999, noNaN: true }), (retry, r) => {
        const d = backoffDelay(retry, { baseDelayMs: 50, maxDelayMs: 2000, random: () => r });
        return d >= 0 && d < Math.min(2000, 50 * 2 ** retry) + 1;
      }),
    );
  });
});

describe('mapWithConcurrency', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
