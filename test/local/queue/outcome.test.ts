import { InvocationError, InvocationErrorCode, QueueResponse } from '@forge/events';
import { describe, expect, it } from 'vitest';
import { appErrorOutcome, outcomeOf } from '../../../src/local/queue/index.js';

describe('outcomeOf', () => {
  it.each([
    ['undefined', undefined],
    ['a value', { processed: 3 }],
    ['a QueueResponse without retry()', new QueueResponse()],
    ['an object whose _retry is not true', { _retry: 'yes' }],
  ])('treats returning %s as success', (_name, returned) => {
    expect(outcomeOf({ returned })).toEqual({ status: 'success' });
  });

  it('reads a returned InvocationError, which the SDK turns into a plain object', () => {
    const returned: unknown = new InvocationError({
      retryAfter: 30,
      retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
      retryData: { cursor: 'c1' },
    });
    expect(returned).not.toBeInstanceOf(InvocationError);
    expect(outcomeOf({ returned })).toEqual({ status: 'retry', retryAfterSeconds: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { cursor: 'c1' } });
  });

  it.each([
    ['the default InvocationError', new InvocationError() as unknown, 1],
    ['retryAfter 0 (the SDK raises it to 1)', new InvocationError({ retryAfter: 0, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }), 1],
    ['retryAfter left out', new InvocationError({ retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST } as never), 1],
    ['retryAfter 3600 (lowered to 900)', new InvocationError({ retryAfter: 3600, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }), 900],
    ['its serialised form', JSON.parse(JSON.stringify(new InvocationError({ retryAfter: 12, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }))) as unknown, 12],
  ])('schedules %s after %d s', (_name, returned, seconds) => {
    expect(outcomeOf({ returned })).toMatchObject({ status: 'retry', retryAfterSeconds: seconds, retryReason: 'FUNCTION_RETRY_REQUEST' });
  });

  it('reads a legacy QueueResponse().retry() as a retry request', () => {
    const response = new QueueResponse();
    response.retry();
    expect(outcomeOf({ returned: response })).toEqual({ status: 'retry', retryAfterSeconds: 1, retryReason: 'FUNCTION_RETRY_REQUEST' });
  });

  it('makes a throw an app-level error the platform retries by itself', () => {
    expect(outcomeOf({ threw: new RangeError('boom') })).toEqual(appErrorOutcome('RangeError: boom'));
    expect(outcomeOf({ threw: new RangeError('boom') })).toMatchObject({ status: 'retry', retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR', error: 'RangeError: boom' });
    expect(outcomeOf({ threw: { code: 42 } })).toMatchObject({ error: 'non-Error thrown: {"code":42}' });
    // Throwing an InvocationError is not a retry request: Forge only reads what the handler returns.
    expect(outcomeOf({ threw: new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST }) })).toHaveProperty('error');
  });
});
