/** A password given in a file (the CLI's and the web host's --…password-file): its first line, as the app's fields take it. */
import { readFileSync } from 'node:fs';

/** As the app's password fields allow. */
const MAX_PASSWORD = 200;

export class PasswordFileError extends Error {}

export function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PasswordFileError(`Không đọc được tệp mật khẩu "${file}".`);
  }
  const password = (text.split(/\r?\n/)[0] ?? '').replace(/^\uFEFF/, '');
  if (!password) throw new PasswordFileError(`Tệp mật khẩu "${file}" trống: mật khẩu nằm ở dòng đầu tiên.`);
  if (password.length > MAX_PASSWORD) throw new PasswordFileError(`Mật khẩu trong tệp "${file}" dài quá ${MAX_PASSWORD} ký tự.`);
  return password;
}
