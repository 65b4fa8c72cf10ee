import { describe, expect, it } from 'vitest';
import { REQUEST_EVENT_TYPES } from '../../src/domain/request.js';
import { tellsRequester } from '../../src/domain/requester-updates.js';

describe('which changes a requester hears of', () => {
  it('by default, every change', () => {
    expect(REQUEST_EVENT_TYPES.filter((type) => !tellsRequester('every_change', type))).toEqual([]);
  });

  it('in quiet mode, only the receipt, a deferral and the resolution', () => {
    expect(REQUEST_EVENT_TYPES.filter((type) => tellsRequester('resolved_or_deferred', type))).toEqual([
      'filed',
      'deferred',
      'resolved',
    ]);
  });
});
