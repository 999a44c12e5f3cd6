import { spawn, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// `npx callsight redact` as an operator runs it: a real process, stdin to stdout.
const env = { ...process.env };
const cli = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/callsight.mjs', ...args], { env, input, encoding: 'utf8' });

describe('npx callsight redact', () => {
  it('writes each line of stdin redacted, in order, keeping empty lines and what is not personal', () => {
    const input = 'Mail anna.svensson@gmail.com or call 070-123 45 67\r\n\nOrder 4521987, 349 kr, 2024-03-05, INC-123456\nPNR 811218-9876, kort 4111 1111 1111 1111, IBAN SE45 5000 0000 0583 9825 7466\nHi, this is Anna from Telia';
    const r = cli(['redact'], input);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'Mail [EMAIL] or call [PHONE]\n\nOrder 4521987, 349 kr, 2024-03-05, INC-123456\nPNR [NATIONAL_ID], kort [CARD], IBAN [IBAN]\nHi, this is [NAME] from Telia\n',
    );
  });

  it('--types limits what is replaced (any case); an unknown type is refused with the list', () => {
    const r = cli(['redact', '--types', 'email,NATIONAL_ID'], 'anna@example.se 070-123 45 67 811218-9876\n');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('[EMAIL] 070-123 45 67 [NATIONAL_ID]\n');
    const bad = cli(['redact', '--types', 'EMAIL,SSN'], '');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown type "SSN"; valid types: EMAIL, IBAN, CARD, NATIONAL_ID, IP, PHONE, NAME/);
    const usage = cli(['redact', '--typo'], '');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/redact \[--types EMAIL,PHONE\]/);
  });

  it('streams: each line comes out before the input ends', async () => {
    const child = spawn(process.execPath, ['bin/callsight.mjs', 'redact'], { env });
    child.stdout.setEncoding('utf8');
    let out = '';
    const next = () => new Promise<void>((resolve) => child.stdout.once('data', (d: string) => ((out += d), resolve())));
    const first = next();
    child.stdin.write('call 070-123 45 67\n');
    await first;
    expect(out).toBe('call [PHONE]\n');
    const second = next();
    child.stdin.write('mail anna@example.se\n');
    await second;
    expect(out).toBe('call [PHONE]\nmail [EMAIL]\n');
    child.stdin.end();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(0);
  });

  it('keeps up with a large input, line for line', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => (i % 2 ? `order ${100000 + i}, ring 070-${100 + (i % 800)} 45 67` : `kund${i}@example.se skrev`));
    const r = cli(['redact'], `${lines.join('\n')}\n`);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout.split('\n');
    expect(out).toHaveLength(20_001);
    expect(out[0]).toBe('[EMAIL] skrev');
    expect(out[1]).toBe('order 100001, ring [PHONE]');
  });
});
