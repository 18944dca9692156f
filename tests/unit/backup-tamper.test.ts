/**
 * Tampering with a password-protected backup (.antqbak, layout in src/main/services/backup/crypto.ts): a byte
 * changed in each header field, in the ciphertext and in the tag; the file cut short; bytes appended.
 * Each is refused with its own reason (wrong password, damaged, cut short, newer format) by the
 * decryption itself and by inspectBackup, and no decrypted file is left behind.
 *
 * A known limit of the format: the salt, the password check and the scrypt parameters are only covered
 * by the password check, so a change there that still parses reads as "wrong password" (there is no
 * separate header checksum). The cases below pin that down rather than pretend otherwise.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptFile, decryptToFile, encryptBuffer } from '../../src/main/services/backup/crypto';
import { BackupError } from '../../src/main/db/backup';
import { inspectBackup, stagingDir } from '../../src/main/services/backup';
import { DATA_FILE_NAME, Workspace } from '../../src/main/workspace';

const PASSWORD = 'mật khẩu thử nghiệm';
const HEADER_BYTES = 68;
const TAG_BYTES = 16;

const REASONS = {
  password: /^Mật khẩu không đúng/,
  damaged: /bị hỏng hoặc đã bị sửa đổi \(không qua được kiểm tra xác thực\)/,
  badHeader: /bị hỏng \(phần đầu tệp không hợp lệ\)/,
  truncated: /bị cắt cụt/,
  tooLong: /bị hỏng \(dài hơn nội dung ghi trong phần đầu tệp\)/,
  newer: /được tạo bởi phiên bản mới hơn của ứng dụng \(định dạng \d+\)/,
  notABackup: /không phải là bản sao lưu của ứng dụng/,
} as const;
type Reason = keyof typeof REASONS;

/** Which BackupError reason goes with each message: a wrong password is its own reason, the rest are bad files. */
const FAILURE_OF: Record<Reason, string> = { password: 'password', damaged: 'bad_file', badHeader: 'bad_file', truncated: 'bad_file', tooLong: 'bad_file', newer: 'bad_file', notABackup: 'bad_file' };

let dir: string;
let plain: Buffer;
let sealed: Buffer;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The sealed file with the byte at `offset` XORed with `mask`. */
function flipped(offset: number, mask = 0x01): Buffer {
  const copy = Buffer.from(sealed);
  copy[offset] = copy[offset]! ^ mask;
  return copy;
}

function withLength(plainBytes: bigint): Buffer {
  const copy = Buffer.from(sealed);
  copy.writeBigUInt64BE(plainBytes, 60);
  return copy;
}

function withVersion(version: number): Buffer {
  const copy = Buffer.from(sealed);
  copy.writeUInt16BE(version, 8);
  return copy;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'antq-tamper-'));
  // A real app database, encrypted the way backups are.
  const dataDir = join(dir, 'data');
  const workspace = await Workspace.open({ dataDir });
  await workspace.close();
  plain = readFileSync(join(dataDir, DATA_FILE_NAME));
  await encryptBuffer(plain, join(dir, 'good.antqbak'), PASSWORD);
  sealed = readFileSync(join(dir, 'good.antqbak'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: { name: string; bytes: () => Buffer; reason: Reason; inspectReason?: Reason }[] = [
  // The magic is what marks the file as .antqbak: changed, inspect no longer sees a backup; forced through decryption, the tag refuses it.
  { name: 'magic, first byte', bytes: () => flipped(0), reason: 'damaged', inspectReason: 'notABackup' },
  { name: 'magic, last byte', bytes: () => flipped(7), reason: 'damaged', inspectReason: 'notABackup' },
  { name: 'format version 2', bytes: () => withVersion(2), reason: 'newer' },
  { name: 'format version 0x0101', bytes: () => flipped(8), reason: 'newer' },
  { name: 'format version 0', bytes: () => withVersion(0), reason: 'badHeader' },
  { name: 'key derivation id', bytes: () => flipped(10), reason: 'badHeader' },
  { name: 'scrypt log2(N) out of bounds', bytes: () => flipped(11, 0xff), reason: 'badHeader' },
  { name: 'scrypt log2(N) within bounds (17 -> 16)', bytes: () => flipped(11), reason: 'password' },
  { name: 'scrypt r within bounds (8 -> 9)', bytes: () => flipped(12), reason: 'password' },
  { name: 'scrypt r 0', bytes: () => flipped(12, 0x08), reason: 'badHeader' },
  { name: 'scrypt p 0', bytes: () => flipped(13), reason: 'badHeader' },
  { name: 'reserved bytes', bytes: () => flipped(14), reason: 'damaged' },
  { name: 'salt, first byte', bytes: () => flipped(16), reason: 'password' },
  { name: 'salt, last byte', bytes: () => flipped(31), reason: 'password' },
  { name: 'IV, first byte', bytes: () => flipped(32), reason: 'damaged' },
  { name: 'IV, last byte', bytes: () => flipped(43), reason: 'damaged' },
  { name: 'password check, first byte', bytes: () => flipped(44), reason: 'password' },
  { name: 'password check, last byte', bytes: () => flipped(59), reason: 'password' },
  { name: 'length one more than the contents', bytes: () => withLength(BigInt(plain.length + 1)), reason: 'truncated' },
  { name: 'length one less than the contents', bytes: () => withLength(BigInt(plain.length - 1)), reason: 'tooLong' },
  { name: 'length 2^40 bytes', bytes: () => flipped(62), reason: 'truncated' },
  { name: 'length beyond a safe integer', bytes: () => flipped(60), reason: 'badHeader' },
  { name: 'ciphertext, first byte', bytes: () => flipped(HEADER_BYTES), reason: 'damaged' },
  { name: 'ciphertext, a middle byte', bytes: () => flipped(HEADER_BYTES + Math.floor(plain.length / 2), 0x80), reason: 'damaged' },
  { name: 'ciphertext, last byte', bytes: () => flipped(sealed.length - TAG_BYTES - 1), reason: 'damaged' },
  { name: 'tag, first byte', bytes: () => flipped(sealed.length - TAG_BYTES), reason: 'damaged' },
  { name: 'tag, last byte', bytes: () => flipped(sealed.length - 1), reason: 'damaged' },
  { name: 'tag cut off', bytes: () => sealed.subarray(0, sealed.length - TAG_BYTES), reason: 'truncated' },
  { name: 'last byte cut off', bytes: () => sealed.subarray(0, sealed.length - 1), reason: 'truncated' },
  { name: 'cut in half', bytes: () => sealed.subarray(0, Math.floor(sealed.length / 2)), reason: 'truncated' },
  { name: 'header only', bytes: () => sealed.subarray(0, HEADER_BYTES), reason: 'truncated' },
  { name: 'header cut short', bytes: () => sealed.subarray(0, 40), reason: 'truncated' },
  { name: 'one byte appended', bytes: () => Buffer.concat([sealed, Buffer.from([0])]), reason: 'tooLong' },
  { name: 'a second copy appended', bytes: () => Buffer.concat([sealed, sealed]), reason: 'tooLong' },
];

/** The error a promise rejects with (fails the test when it resolves). */
async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error, 'the tampered file was accepted').toBeInstanceOf(BackupError);
  return error as BackupError;
}

describe('a tampered .antqbak', { timeout: 60_000 }, () => {
  it('the untouched file decrypts to the database and inspects as a backup (so the refusals below are the tampering)', async () => {
    const out = join(dir, 'good.sqlite');
    expect(await decryptToFile(join(dir, 'good.antqbak'), out, PASSWORD, 'good.antqbak')).toBe(sha256(plain));
    expect(readFileSync(out).equals(plain)).toBe(true);
    rmSync(out);
    const info = await inspectBackup({ dataDir: join(dir, 'inspect-good') }, { path: join(dir, 'good.antqbak'), name: 'good.antqbak' }, PASSWORD);
    expect(info).toMatchObject({ encrypted: true, bytes: sealed.length });
  });

  it('a wrong password is refused as such before anything is decrypted', async () => {
    let received = 0;
    const error = await refusal(decryptFile(join(dir, 'good.antqbak'), 'sai mật khẩu', 'good.antqbak', async (chunk) => (received += chunk.length)));
    expect(error.message).toMatch(REASONS.password);
    expect(error.reason).toBe('password');
    expect(received).toBe(0);
  });

  it.each(cases)('$name: refused as $reason, no decrypted file left', async ({ name, bytes, reason, inspectReason }) => {
    const slug = name.replace(/[^a-z0-9]+/gi, '-');
    const file = join(dir, `${slug}.antqbak`);
    writeFileSync(file, bytes());

    const out = join(dir, `${slug}.sqlite`);
    const decrypting = await refusal(decryptToFile(file, out, PASSWORD, `${slug}.antqbak`));
    expect(decrypting.message).toMatch(REASONS[reason]);
    expect(decrypting.reason).toBe(FAILURE_OF[reason]);
    expect(existsSync(out), 'decrypted file left behind').toBe(false);

    const dataDir = join(dir, `inspect-${slug}`);
    mkdirSync(dataDir);
    const inspecting = await refusal(inspectBackup({ dataDir }, { path: file, name: `${slug}.antqbak` }, PASSWORD));
    expect(inspecting.message).toMatch(REASONS[inspectReason ?? reason]);
    expect(inspecting.reason).toBe(FAILURE_OF[inspectReason ?? reason]);
    const staged = existsSync(stagingDir(dataDir)) ? readdirSync(stagingDir(dataDir)) : [];
    expect(staged, 'staging folder holds a decrypted copy').toEqual([]);
  });
});
