import { describe, expect, test } from '@jest/globals';
import { refusal } from '../../test/support/refusal.js';
import { FILING_TEXT_MAX, newReceiptToken, optionalText, receiptMatches, requiredText } from './filing.rules.js';

describe('filings of the public: receipts and bounded text [Z §21, Z §22, Z §35]', () => {
  test('a receipt token is unguessable and only its hash is kept; a filing without one matches no token', () => {
    const a = newReceiptToken();
    const b = newReceiptToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(a.hash).not.toContain(a.token);
    expect(receiptMatches(a.token, a.hash)).toBe(true);
    expect(receiptMatches(b.token, a.hash)).toBe(false);
    expect(receiptMatches(a.token, null)).toBe(false);
    expect(receiptMatches(null, a.hash)).toBe(false);
    expect(receiptMatches('  ', a.hash)).toBe(false);
  });

  test('text is required, trimmed and bounded, and names its field', () => {
    expect(requiredText('  意见 ', 'input.content', '意见内容', 'content')).toBe('意见');
    expect(refusal(() => requiredText(' ', 'input.content', '意见内容', 'content'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.content' });
    expect(refusal(() => requiredText('字'.repeat(FILING_TEXT_MAX + 1), 'reply', '答复', 'reply')).field).toBe('reply');
    expect(optionalText(' ', 'reply', '答复', 'reply')).toBeNull();
  });
});
