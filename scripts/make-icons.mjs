/**
 * `node scripts/make-icons.mjs`: draws resources/icon.svg into the installer's icons, resources/icon.png
 * (512×512, Linux) and resources/icon.ico (16 to 256 px, Windows), with the Chromium the e2e tests use.
 * The .ico is written here: it is a 6-byte header and a 16-byte entry per size in front of PNG images,
 * which Windows reads since Vista, so no image library is needed for it. The icons are committed; run
 * this only after changing the SVG.
 */
import { chromium } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const resources = join(dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

const browser = await chromium.launch({ executablePath });
try {
  const page = await browser.newPage();
  const draw = async (size) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`);
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  };
  writeFileSync(join(resources, 'icon.png'), await draw(512));
  const images = [];
  for (const size of ICO_SIZES) images.push({ size, png: await draw(size) });
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1); // height
    header.writeUInt8(0, entry + 2); // no palette
    header.writeUInt8(0, entry + 3); // reserved
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(png.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  writeFileSync(join(resources, 'icon.ico'), Buffer.concat([header, ...images.map((image) => image.png)]));
} finally {
  await browser.close();
}
