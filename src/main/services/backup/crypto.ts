/**
 * The password-protected backup file (.antqbak), made with node:crypto only: AES-256-GCM, key from the
 * password with scrypt. Layout (integers big-endian):
 *
 *   offset  size  field
 *   0       8     magic "ANTQBAK\0"
 *   8       2     format version, 1
 *   10      1     key derivation, 1 = scrypt
 *   11      1     scrypt log2(N) (17: N = 131072)
 *   12      1     scrypt r (8)
 *   13      1     scrypt p (1)
 *   14      2     reserved, 0
 *   16      16    scrypt salt, random per file
 *   32      12    AES-256-GCM IV, random per file
 *   44      16    password check: the first 16 bytes of SHA-256(check key)
 *   60      8     length of the plain SQLite file in bytes
 *   68      n     ciphertext of the SQLite file (the 68 header bytes are the GCM additional data)
 *   68 + n  16    GCM authentication tag
 *
 * scrypt(password as NFC UTF-8, salt, 64 bytes) gives the AES key (bytes 0-31) and the check key
 * (bytes 32-63). The check tells a wrong password from a damaged file before anything is decrypted;
 * the tag authenticates header and contents, and decrypted bytes are only used after it is verified
 * (they go to a private temporary file that is deleted when the tag does not match).
 * A file never falls back to plain: without the right password nothing is read from it.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rm, stat } from 'node:fs/promises';
import { BackupError, sizeText } from '../../db/backup';
import { PRIVATE_FILE_MODE } from '../../platform/private-files';

const MAGIC = Buffer.from('ANTQBAK\u0000', 'latin1');
const FORMAT_VERSION = 1;
const KDF_SCRYPT = 1;
const HEADER_BYTES = 68;
const TAG_BYTES = 16;
const DEFAULT_PARAMS = { logN: 17, r: 8, p: 1 };
const CHUNK = 1024 * 1024;

export const isEncryptedHeader = (head: Buffer) => head.length >= MAGIC.length && head.subarray(0, MAGIC.length).equals(MAGIC);

interface Header {
  logN: number;
  r: number;
  p: number;
  salt: Buffer;
  iv: Buffer;
  check: Buffer;
  plainBytes: number;
  raw: Buffer;
}

function deriveKeys(password: string, header: Pick<Header, 'logN' | 'r' | 'p' | 'salt'>): Promise<{ key: Buffer; check: Buffer }> {
  const N = 2 ** header.logN;
  const options: ScryptOptions = { N, r: header.r, p: header.p, maxmem: 128 * N * header.r * header.p + 32 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(Buffer.from(password.normalize('NFC'), 'utf8'), header.salt, 64, options, (error, derived) => {
      if (error) reject(error);
      else resolve({ key: derived.subarray(0, 32), check: createHash('sha256').update(derived.subarray(32)).digest().subarray(0, 16) });
    }),
  );
}

function buildHeader(params: typeof DEFAULT_PARAMS, salt: Buffer, iv: Buffer, check: Buffer, plainBytes: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header.writeUInt16BE(FORMAT_VERSION, 8);
  header.writeUInt8(KDF_SCRYPT, 10);
  header.writeUInt8(params.logN, 11);
  header.writeUInt8(params.r, 12);
  header.writeUInt8(params.p, 13);
  salt.copy(header, 16);
  iv.copy(header, 32);
  check.copy(header, 44);
  header.writeBigUInt64BE(BigInt(plainBytes), 60);
  return header;
}

/**
 * Encrypts the plain bytes of a database held in memory into `destination` (created, never overwritten),
 * a chunk at a time, and syncs it to disk: no plain copy is ever written. Returns the SHA-256 of the plain
 * contents, to check the file against once written.
 */
export async function encryptBuffer(plain: Buffer, destination: string, password: string, onProgress?: (fraction: number) => void): Promise<string> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { key, check } = await deriveKeys(password, { ...DEFAULT_PARAMS, salt });
  const header = buildHeader(DEFAULT_PARAMS, salt, iv, check, plain.length);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header);
  const hash = createHash('sha256');
  const output = await open(destination, 'wx', PRIVATE_FILE_MODE);
  try {
    await output.write(header);
    for (let offset = 0; offset < plain.length; offset += CHUNK) {
      const chunk = plain.subarray(offset, Math.min(offset + CHUNK, plain.length));
      hash.update(chunk);
      await output.write(cipher.update(chunk));
      onProgress?.(Math.min(1, (offset + chunk.length) / plain.length));
    }
    const last = cipher.final();
    if (last.length > 0) await output.write(last);
    await output.write(cipher.getAuthTag());
    await output.sync();
  } catch (error) {
    await output.close().catch(() => undefined);
    await rm(destination, { force: true });
    throw error;
  }
  await output.close();
  onProgress?.(1);
  return hash.digest('hex');
}

async function readHeader(source: string, name: string): Promise<Header> {
  const size = (await stat(source)).size;
  const input = await open(source, 'r');
  let raw: Buffer;
  try {
    raw = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await input.read(raw, 0, HEADER_BYTES, 0);
    raw = raw.subarray(0, bytesRead);
  } finally {
    await input.close();
  }
  const truncated = (expected?: number) =>
    new BackupError(
      'bad_file',
      `Tệp sao lưu có mật khẩu "${name}" bị cắt cụt: chỉ có ${sizeText(size)}${expected ? ` trong ${sizeText(expected)}` : ''}. Có thể tệp chưa được chép xong hoặc ổ USB bị rút ra giữa chừng.`,
    );
  if (raw.length < HEADER_BYTES) throw truncated();
  const version = raw.readUInt16BE(8);
  if (version > FORMAT_VERSION) {
    throw new BackupError('bad_file', `Tệp sao lưu "${name}" được tạo bởi phiên bản mới hơn của ứng dụng (định dạng ${version}). Hãy cập nhật ứng dụng rồi khôi phục lại.`);
  }
  const header: Header = {
    logN: raw.readUInt8(11),
    r: raw.readUInt8(12),
    p: raw.readUInt8(13),
    salt: raw.subarray(16, 32),
    iv: raw.subarray(32, 44),
    check: raw.subarray(44, 60),
    plainBytes: Number(raw.readBigUInt64BE(60)),
    raw,
  };
  // Parameters are read from the file: bounded, so a hostile header cannot ask for gigabytes of memory.
  const sane = version === FORMAT_VERSION && raw.readUInt8(10) === KDF_SCRYPT && header.logN >= 10 && header.logN <= 20 && header.r >= 1 && header.r <= 32 && header.p >= 1 && header.p <= 16;
  if (!sane || 128 * 2 ** header.logN * header.r * header.p > 1024 * 1024 * 1024 || !Number.isSafeInteger(header.plainBytes)) {
    throw new BackupError('bad_file', `Tệp sao lưu có mật khẩu "${name}" bị hỏng (phần đầu tệp không hợp lệ).`);
  }
  const expected = HEADER_BYTES + header.plainBytes + TAG_BYTES;
  if (size < expected) throw truncated(expected);
  if (size > expected) throw new BackupError('bad_file', `Tệp sao lưu có mật khẩu "${name}" bị hỏng (dài hơn nội dung ghi trong phần đầu tệp).`);
  return header;
}

/**
 * Decrypts `source`, giving the plain bytes to `sink` in order (or only hashing them when it is null).
 * A wrong password is refused before anything is decrypted; a damaged file when the tag does not match,
 * after the last chunk: a sink must treat what it received as unusable until this resolves.
 * Returns the SHA-256 of the plain contents.
 */
export async function decryptFile(
  source: string,
  password: string,
  name: string,
  sink: ((chunk: Buffer) => Promise<unknown>) | null,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  const header = await readHeader(source, name);
  const { key, check } = await deriveKeys(password, header);
  if (!check.equals(header.check)) throw new BackupError('password', 'Mật khẩu không đúng. Hãy nhập đúng mật khẩu đã dùng khi sao lưu.');
  const decipher = createDecipheriv('aes-256-gcm', key, header.iv);
  decipher.setAAD(header.raw);
  const end = HEADER_BYTES + header.plainBytes; // exclusive
  const tagHandle = await open(source, 'r');
  try {
    const tag = Buffer.alloc(TAG_BYTES);
    await tagHandle.read(tag, 0, TAG_BYTES, end);
    decipher.setAuthTag(tag);
  } finally {
    await tagHandle.close();
  }
  const hash = createHash('sha256');
  let done = 0;
  if (header.plainBytes > 0) {
    for await (const chunk of createReadStream(source, { start: HEADER_BYTES, end: end - 1, highWaterMark: CHUNK })) {
      const plain = decipher.update(chunk as Buffer);
      hash.update(plain);
      if (sink) await sink(plain);
      done += (chunk as Buffer).length;
      onProgress?.(done / header.plainBytes);
    }
  }
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    throw new BackupError('bad_file', `Tệp sao lưu có mật khẩu "${name}" bị hỏng hoặc đã bị sửa đổi (không qua được kiểm tra xác thực).`);
  }
  if (last.length > 0) {
    hash.update(last);
    if (sink) await sink(last);
  }
  return hash.digest('hex');
}

/** Decrypts into a new private file, synced; the file is removed again if anything fails. */
export async function decryptToFile(source: string, destination: string, password: string, name: string, onProgress?: (fraction: number) => void): Promise<string> {
  const output = await open(destination, 'wx', PRIVATE_FILE_MODE);
  try {
    const digest = await decryptFile(source, password, name, (chunk) => output.write(chunk), onProgress);
    await output.sync();
    await output.close();
    return digest;
  } catch (error) {
    await output.close().catch(() => undefined);
    await rm(destination, { force: true });
    throw error;
  }
}
