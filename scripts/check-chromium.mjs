// Fails `npm run test:e2e` early, with the fix, when no Chromium is installed: e2e tests never skip silently.
import { existsSync } from 'node:fs';

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
if (!candidates.some((path) => existsSync(path))) {
  console.error('Không tìm thấy Chromium cho kiểm thử đầu-cuối. Cài bằng: sudo apt-get install chromium (hoặc đặt CHROMIUM_PATH).');
  console.error('Chromium not found for the end-to-end tests. Install it with: sudo apt-get install chromium (or set CHROMIUM_PATH).');
  process.exit(1);
}
