import { describe, expect, it } from 'vitest';
import { hasBidiControls, showBidiControls } from './bidi';

describe('right-to-left override in a name (hardening, item 8)', () => {
  it('is shown, so `ext-rtl-\\u202Etxt.exe` cannot read as `ext-rtl-exe.txt`', () => {
    expect(showBidiControls('ext-rtl-\u202Etxt.exe')).toBe('ext-rtl-⟨RLO⟩txt.exe');
    expect(hasBidiControls('ext-rtl-\u202Etxt.exe')).toBe(true);
    expect(showBidiControls('فاتورة.csv')).toBe('فاتورة.csv');
    expect(hasBidiControls('plain.csv')).toBe(false);
  });
});
