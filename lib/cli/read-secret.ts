import { CommandError } from './errors';

const MAX_LINE = 64 * 1024;

/**
 * A secret from stdin, for `--password-stdin`: the first line, without its
 * line ending (spaces are kept: they may be part of it). From a terminal it
 * is typed without being shown; from a pipe, only the first line is read.
 */
export async function readSecretLine(input: NodeJS.ReadStream = process.stdin, prompt = 'Password (not shown): '): Promise<string> {
  if (input.isTTY) return readHidden(input, prompt);
  input.setEncoding('utf8');
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    const nl = text.indexOf('\n');
    if (nl >= 0) {
      text = text.slice(0, nl);
      break;
    }
    if (text.length > MAX_LINE) throw new CommandError('stdin: no line ending in the first 64 kB; give the password alone on the first line.');
  }
  return text.replace(/\r$/, '');
}

function readHidden(input: NodeJS.ReadStream, prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    process.stderr.write(prompt);
    let chars: string[] = [];
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(chars.join(''));
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CommandError('cancelled.'));
        if (ch === '\u007f' || ch === '\b') chars = chars.slice(0, -1);
        else if (ch >= ' ') chars.push(ch);
      }
    };
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.on('data', onData);
    input.resume();
  });
}
