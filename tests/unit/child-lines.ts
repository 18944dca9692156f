/** A child process's output, line by line as it arrives (a chunk may end mid-line). */
import type { Readable } from 'node:stream';

export function onLines(stream: Readable, each: (line: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop() ?? '';
    for (const line of complete) each(line);
  });
}
